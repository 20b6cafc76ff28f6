import { readJson, withWorkspace } from "@/lib/api";
import { updateTrackingKeySchema } from "@/lib/schemas/tracking-keys";
import { renameTrackingKey, revokeTrackingKey } from "@/lib/data/tracking-keys";
import { recordAudit } from "@/lib/data/audit";

type Params = { workspaceId: string; keyId: string };

// PATCH /api/workspaces/:workspaceId/tracking-keys/:keyId — rename
export const PATCH = withWorkspace<Params>({ role: "admin" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateTrackingKeySchema.parse(await readJson(req));
  const key = await renameTrackingKey(workspaceId, params.keyId, input);
  await recordAudit(workspaceId, actor, "tracking_key.rename", { type: "tracking_key", id: key.id, details: input });
  return Response.json(key);
});

// DELETE /api/workspaces/:workspaceId/tracking-keys/:keyId — revoke: its API key stops working at once
export const DELETE = withWorkspace<Params>({ role: "admin" }, async ({ workspaceId, params, actor }) => {
  const key = await revokeTrackingKey(workspaceId, params.keyId);
  await recordAudit(workspaceId, actor, "tracking_key.revoke", { type: "tracking_key", id: key.id });
  return Response.json(key);
});
