import type { ReactNode } from "react";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { DestinationHeader } from "@/components/destinations/destination-header";

// The tabbed pages share the title and tabs; the action editor (actions/[actionId]) has its own frame.
export default async function DestinationTabsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  return (
    <>
      <DestinationHeader workspaceId={workspaceId} destinationId={destinationId} />
      {children}
    </>
  );
}
