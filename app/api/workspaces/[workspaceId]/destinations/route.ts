import { readJson, withWorkspace } from "@/lib/api";
import { createDestination, listDestinations } from "@/lib/data/destinations";
import { createDestinationSchema } from "@/lib/schemas/destinations";

// GET /api/workspaces/:workspaceId/destinations — the workspace's destinations with their actions
export const GET = withWorkspace({ role: "member" }, async ({ workspaceId }) =>
  Response.json({ destinations: await listDestinations(workspaceId) }),
);

// POST /api/workspaces/:workspaceId/destinations — create a destination of a catalog type, connected to
// sourceIds, with one action per preset of its definition
export const POST = withWorkspace({ role: "member" }, async ({ req, workspaceId, actor }) => {
  const input = createDestinationSchema.parse(await readJson(req));
  return Response.json(await createDestination(workspaceId, input, actor), { status: 201 });
});
