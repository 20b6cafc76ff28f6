import { withWorkspace } from "@/lib/api";
import { revokeInvite } from "@/lib/data/invites";

// DELETE /api/workspaces/:workspaceId/invites/:inviteId — revoke a pending invite; its link stops working
export const DELETE = withWorkspace<{ workspaceId: string; inviteId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) => {
    await revokeInvite(workspaceId, params.inviteId, actor);
    return new Response(null, { status: 204 });
  },
);
