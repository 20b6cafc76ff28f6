import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { AddDestinationView } from "@/components/destinations/add-destination-view";

export const metadata: Metadata = { title: "Add a destination" };

export default async function AddDestinationPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <AddDestinationView workspaceId={workspaceId} />;
}
