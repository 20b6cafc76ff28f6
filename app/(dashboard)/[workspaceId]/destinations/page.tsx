import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DestinationsView } from "@/components/destinations/destinations-view";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <DestinationsView workspaceId={workspaceId} />;
}
