import { readJson, withWorkspace } from "@/lib/api";
import { deleteDestination, getDestination, updateDestination } from "@/lib/data/destinations";
import { updateDestinationSchema } from "@/lib/schemas/destinations";

type Params = { workspaceId: string; destinationId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId — one destination with its actions (no secrets)
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await getDestination(workspaceId, params.destinationId)),
);

// PATCH /api/workspaces/:workspaceId/destinations/:destinationId — rename, enable / disable, change settings
// (a key left out keeps its value, null clears it), replace the connected sources
export const PATCH = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateDestinationSchema.parse(await readJson(req));
  return Response.json(await updateDestination(workspaceId, params.destinationId, input, actor));
});

// DELETE /api/workspaces/:workspaceId/destinations/:destinationId — delete it with its actions and connections
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params, actor }) => {
  const destination = await deleteDestination(workspaceId, params.destinationId, actor);
  return Response.json({ id: destination.id });
});
