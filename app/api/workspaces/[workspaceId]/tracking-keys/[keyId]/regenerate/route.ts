import { withWorkspace } from "@/lib/api";
import { regenerateTrackingKey } from "@/lib/data/tracking-keys";

// POST /api/workspaces/:workspaceId/tracking-keys/:keyId/regenerate — new API key, same Site ID; the old key stops working
export const POST = withWorkspace<{ workspaceId: string; keyId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) =>
    Response.json(await regenerateTrackingKey(workspaceId, params.keyId, actor)),
);
