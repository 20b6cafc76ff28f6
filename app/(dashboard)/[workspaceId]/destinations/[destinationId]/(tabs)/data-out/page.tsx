import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DestinationDataOut } from "@/components/destinations/destination-data-out";

export const metadata: Metadata = { title: "Data Out" };

export default async function DestinationDataOutPage({
  params,
}: {
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <DestinationDataOut workspaceId={workspaceId} destinationId={destinationId} />;
}
