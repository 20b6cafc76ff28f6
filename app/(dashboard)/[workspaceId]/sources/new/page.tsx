import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { AddSourceView } from "@/components/sources/add-source-view";

export const metadata: Metadata = { title: "Add a source" };

export default async function AddSourcePage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <AddSourceView workspaceId={workspaceId} />;
}
