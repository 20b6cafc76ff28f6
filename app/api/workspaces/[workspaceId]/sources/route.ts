import { readJson, withWorkspace } from "@/lib/api";
import { createSourceSchema } from "@/lib/schemas/sources";
import { createSource, listSourcesWithHealth } from "@/lib/data/sources";

// GET /api/workspaces/:workspaceId/sources — the workspace's sources, each with its health (24 h / 1 h counts)
export const GET = withWorkspace({ role: "member" }, async ({ workspaceId }) =>
  Response.json({ sources: await listSourcesWithHealth(workspaceId) }),
);

// POST /api/workspaces/:workspaceId/sources — create a source of a catalog type, with a new write key
export const POST = withWorkspace({ role: "member" }, async ({ req, workspaceId, actor }) => {
  const input = createSourceSchema.parse(await readJson(req));
  return Response.json(await createSource(workspaceId, input, actor), { status: 201 });
});
