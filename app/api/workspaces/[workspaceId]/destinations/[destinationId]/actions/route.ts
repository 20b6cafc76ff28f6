import { readJson, withWorkspace } from "@/lib/api";
import { createAction, listActions } from "@/lib/data/actions";
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
  return Response.json(await createAction(workspaceId, params.destinationId, input, actor), { status: 201 });
});
