import { withWorkspace } from "@/lib/api";
import { revokeInvite } from "@/lib/data/invites";
import { recordAudit } from "@/lib/data/audit";

// DELETE /api/workspaces/:workspaceId/invites/:inviteId — revoke a pending invite; its link stops working
export const DELETE = withWorkspace<{ workspaceId: string; inviteId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) => {
    const invite = await revokeInvite(workspaceId, params.inviteId);
    await recordAudit(workspaceId, actor, "invite.revoke", {
      type: "invite",
      id: invite.id,
      details: { email: invite.email },
    });
    return new Response(null, { status: 204 });
  },
);
