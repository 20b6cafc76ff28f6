import { readJson, withWorkspace } from "@/lib/api";
import { deleteAction, getAction, updateAction } from "@/lib/data/actions";
import { recordAudit } from "@/lib/data/audit";
import { updateActionSchema } from "@/lib/schemas/destinations";

type Params = { workspaceId: string; destinationId: string; actionId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId/actions/:actionId — one action
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await getAction(workspaceId, params.destinationId, params.actionId)),
);

// PATCH /api/workspaces/:workspaceId/destinations/:destinationId/actions/:actionId — rename, turn on / off,
// change the trigger, the mapping (replaced whole) or batching
export const PATCH = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateActionSchema.parse(await readJson(req));
  const { before, after } = await updateAction(workspaceId, params.destinationId, params.actionId, input);
  const changed = (["name", "trigger", "mapping", "enabled", "batching"] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (changed.length > 0) {
    await recordAudit(workspaceId, actor, "action.update", {
      type: "action",
      id: after.id,
      details: { destinationId: after.destinationId, changed },
    });
  }
  return Response.json(after);
});

// DELETE /api/workspaces/:workspaceId/destinations/:destinationId/actions/:actionId — delete the action
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params, actor }) => {
  const action = await deleteAction(workspaceId, params.destinationId, params.actionId);
  await recordAudit(workspaceId, actor, "action.delete", {
    type: "action",
    id: action.id,
    details: { destinationId: action.destinationId, name: action.name },
  });
  return Response.json({ id: action.id });
});
