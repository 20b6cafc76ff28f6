import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DestinationActions } from "@/components/destinations/destination-actions";

export const metadata: Metadata = { title: "Destination actions" };

export default async function DestinationActionsPage({
  params,
}: {
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <DestinationActions workspaceId={workspaceId} destinationId={destinationId} />;
}
