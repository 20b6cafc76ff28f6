import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { SectionIntro } from "@/components/shell/section-intro";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <SectionIntro section="sources" workspaceId={workspaceId} />;
}
