import { withWorkspace } from "@/lib/api";
import { regenerateTrackingKey } from "@/lib/data/tracking-keys";
import { recordAudit } from "@/lib/data/audit";

// POST /api/workspaces/:workspaceId/tracking-keys/:keyId/regenerate — new API key, same Site ID; the old key stops working
export const POST = withWorkspace<{ workspaceId: string; keyId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) => {
    const key = await regenerateTrackingKey(workspaceId, params.keyId);
    await recordAudit(workspaceId, actor, "tracking_key.regenerate", { type: "tracking_key", id: key.id });
    return Response.json(key);
  },
);
