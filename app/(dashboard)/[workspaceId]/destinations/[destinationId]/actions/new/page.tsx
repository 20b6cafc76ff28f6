import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { NewActionView } from "@/components/actions/new-action-view";

export const metadata: Metadata = { title: "Add an action" };

export default async function NewActionPage({
  params,
}: {
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <NewActionView workspaceId={workspaceId} destinationId={destinationId} />;
}
