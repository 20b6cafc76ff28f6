import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DestinationOverview } from "@/components/destinations/destination-overview";

export const metadata: Metadata = { title: "Destination" };

export default async function DestinationOverviewPage({
  params,
}: {
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <DestinationOverview workspaceId={workspaceId} destinationId={destinationId} />;
}
