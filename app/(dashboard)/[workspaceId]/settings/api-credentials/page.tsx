import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "API and Webhook Credentials" };

export default async function ApiCredentialsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return (
    <EmptyState
      title="No credentials yet"
      description="Tracking API keys (a Site ID and an API key) let apps send data to the people store and power in-app messages; App API keys let scripts and automation call Sluice's management API. Owners and admins create them here."
    />
  );
}
