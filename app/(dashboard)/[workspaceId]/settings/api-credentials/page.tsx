import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { EmptyState } from "@/components/ui/empty-state";
import { TrackingKeysCard } from "@/components/settings/api-credentials/tracking-keys-card";
import { AppKeysCard } from "@/components/settings/api-credentials/app-keys-card";

export const metadata: Metadata = { title: "API and Webhook Credentials" };

export default async function ApiCredentialsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { role } = await requireWorkspaceMember(workspaceId);
  if (!hasRole(role, "admin")) {
    return (
      <EmptyState
        title="Credentials are managed by owners and admins"
        description="Ask an owner or admin of this workspace for a tracking API key or an App API key."
      />
    );
  }
  return (
    <div className="space-y-6">
      <TrackingKeysCard workspaceId={workspaceId} />
      <AppKeysCard workspaceId={workspaceId} />
    </div>
  );
}
