import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DebuggerView } from "@/components/debugger/debugger-view";

export const metadata: Metadata = { title: "Debugger" };

export default async function DebuggerPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <DebuggerView workspaceId={workspaceId} />;
}
