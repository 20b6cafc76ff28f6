import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { ObjectsView } from "@/components/objects/objects-view";

export const metadata: Metadata = { title: "Objects" };

export default async function ObjectsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <ObjectsView workspaceId={workspaceId} />;
}
