import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { SourcesView } from "@/components/sources/sources-view";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <SourcesView workspaceId={workspaceId} />;
}
