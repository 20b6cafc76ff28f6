import { readJson, withWorkspace } from "@/lib/api";
import { createAction, listActions } from "@/lib/data/actions";
import { recordAudit } from "@/lib/data/audit";
import { createActionSchema } from "@/lib/schemas/destinations";

type Params = { workspaceId: string; destinationId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId/actions — the destination's actions
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json({ actions: await listActions(workspaceId, params.destinationId) }),
);

// POST /api/workspaces/:workspaceId/destinations/:destinationId/actions — add an action (type, trigger, mapping),
// checked against the definition; at most 50 per destination
export const POST = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = createActionSchema.parse(await readJson(req));
  const action = await createAction(workspaceId, params.destinationId, input);
  await recordAudit(workspaceId, actor, "action.create", {
    type: "action",
    id: action.id,
    details: { destinationId: action.destinationId, actionKey: action.actionKey, name: action.name },
  });
  return Response.json(action, { status: 201 });
});
