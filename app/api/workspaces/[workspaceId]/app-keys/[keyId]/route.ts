import { withWorkspace } from "@/lib/api";
import { revokeAppKey } from "@/lib/data/app-keys";
import { recordAudit } from "@/lib/data/audit";

// DELETE /api/workspaces/:workspaceId/app-keys/:keyId — revoke: requests with it get 401 from now on
export const DELETE = withWorkspace<{ workspaceId: string; keyId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) => {
    const key = await revokeAppKey(workspaceId, params.keyId);
    await recordAudit(workspaceId, actor, "app_key.revoke", { type: "app_key", id: key.id });
    return Response.json(key);
  },
);
