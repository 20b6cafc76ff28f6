import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { SectionIntro } from "@/components/shell/section-intro";

export const metadata: Metadata = { title: "Debugger" };

export default async function DebuggerPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <SectionIntro section="debugger" workspaceId={workspaceId} />;
}
