import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { MembersView } from "@/components/settings/members/members-view";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user, role, workspace } = await requireWorkspaceMember(workspaceId);
  return <MembersView workspaceId={workspace.id} workspaceName={workspace.name} userId={user.id} role={role} />;
}
