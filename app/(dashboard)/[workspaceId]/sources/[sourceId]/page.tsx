import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { SourceOverview } from "@/components/sources/source-overview";

export const metadata: Metadata = { title: "Source" };

// The layout also checks that the source belongs to this workspace (404 otherwise).
export default async function SourceOverviewPage({
  params,
}: {
  params: Promise<{ workspaceId: string; sourceId: string }>;
}) {
  const { workspaceId, sourceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <SourceOverview workspaceId={workspaceId} sourceId={sourceId} />;
}
