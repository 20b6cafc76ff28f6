import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { ConnectionsView } from "@/components/connections/connections-view";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <ConnectionsView workspaceId={workspaceId} />;
}
