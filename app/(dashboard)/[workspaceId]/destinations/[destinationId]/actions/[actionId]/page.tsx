import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { ActionEditor } from "@/components/actions/action-editor";

export const metadata: Metadata = { title: "Edit action" };

// The view loads the action through the API, which answers 404 for another workspace's ids.
export default async function ActionEditorPage({
  params,
}: {
  params: Promise<{ workspaceId: string; destinationId: string; actionId: string }>;
}) {
  const { workspaceId, destinationId, actionId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <ActionEditor workspaceId={workspaceId} destinationId={destinationId} actionId={actionId} />;
}
