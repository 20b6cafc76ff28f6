import { withWorkspace } from "@/lib/api";
import { revokeAppKey } from "@/lib/data/app-keys";

// DELETE /api/workspaces/:workspaceId/app-keys/:keyId — revoke: requests with it get 401 from now on
export const DELETE = withWorkspace<{ workspaceId: string; keyId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) => Response.json(await revokeAppKey(workspaceId, params.keyId, actor)),
);
