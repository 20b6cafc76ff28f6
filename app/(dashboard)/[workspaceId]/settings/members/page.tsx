import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user, role } = await requireWorkspaceMember(workspaceId);
  return (
    <EmptyState
      title={`You (${user.email}) are this workspace's ${role}`}
      description="Invite teammates by email with a role: owners and admins manage credentials and members; members work on sources, destinations and the debugger."
    />
  );
}
