import type { ReactNode } from "react";
import { requireWorkspaceMember } from "@/lib/auth/session";

// Every page of one destination (its tabs and the action editor) is for the workspace's members.
export default async function DestinationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return children;
}
