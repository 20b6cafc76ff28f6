import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { EventDebugger } from "@/components/debugger/debugger-view";

export const metadata: Metadata = { title: "Data In" };

// The layout also checks that the source belongs to this workspace (404 otherwise).
export default async function SourceDataInPage({
  params,
}: {
  params: Promise<{ workspaceId: string; sourceId: string }>;
}) {
  const { workspaceId, sourceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <EventDebugger workspaceId={workspaceId} sourceId={sourceId} />;
}
