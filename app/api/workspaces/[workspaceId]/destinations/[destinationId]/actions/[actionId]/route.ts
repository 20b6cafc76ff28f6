import { readJson, withWorkspace } from "@/lib/api";
import { deleteAction, getAction, updateAction } from "@/lib/data/actions";
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
  return Response.json(await updateAction(workspaceId, params.destinationId, params.actionId, input, actor));
});

// DELETE /api/workspaces/:workspaceId/destinations/:destinationId/actions/:actionId — delete the action
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params, actor }) => {
  const action = await deleteAction(workspaceId, params.destinationId, params.actionId, actor);
  return Response.json({ id: action.id });
});
