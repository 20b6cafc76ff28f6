import { readJson, withWorkspace } from "@/lib/api";
import { updateTrackingKeySchema } from "@/lib/schemas/tracking-keys";
import { renameTrackingKey, revokeTrackingKey } from "@/lib/data/tracking-keys";

type Params = { workspaceId: string; keyId: string };

// PATCH /api/workspaces/:workspaceId/tracking-keys/:keyId — rename
export const PATCH = withWorkspace<Params>({ role: "admin" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateTrackingKeySchema.parse(await readJson(req));
  return Response.json(await renameTrackingKey(workspaceId, params.keyId, input, actor));
});

// DELETE /api/workspaces/:workspaceId/tracking-keys/:keyId — revoke: its API key stops working at once
export const DELETE = withWorkspace<Params>({ role: "admin" }, async ({ workspaceId, params, actor }) =>
  Response.json(await revokeTrackingKey(workspaceId, params.keyId, actor)),
);
