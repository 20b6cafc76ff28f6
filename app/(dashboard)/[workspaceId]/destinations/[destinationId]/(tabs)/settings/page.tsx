import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DestinationSettings } from "@/components/destinations/destination-settings";

export const metadata: Metadata = { title: "Destination settings" };

export default async function DestinationSettingsPage({
  params,
}: {
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <DestinationSettings workspaceId={workspaceId} destinationId={destinationId} />;
}
