import { readJson, withWorkspace } from "@/lib/api";
import { deleteSourceSchema, updateSourceSchema } from "@/lib/schemas/sources";
import { deleteSource, getSource, updateSource } from "@/lib/data/sources";

type Params = { workspaceId: string; sourceId: string };

// GET /api/workspaces/:workspaceId/sources/:sourceId — one source
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await getSource(workspaceId, params.sourceId)),
);

// PATCH /api/workspaces/:workspaceId/sources/:sourceId — rename, enable / disable, pick the in-app Site ID key,
// set the source's ingest rate limit ({ rateLimit: { calls, windowSeconds } }, null = the server's default)
export const PATCH = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateSourceSchema.parse(await readJson(req));
  return Response.json(await updateSource(workspaceId, params.sourceId, input, actor));
});

// DELETE /api/workspaces/:workspaceId/sources/:sourceId — delete; body { deleteEvents } says whether its events go too
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = deleteSourceSchema.parse(await readJson(req));
  const { source, deletedEvents } = await deleteSource(workspaceId, params.sourceId, input, actor);
  return Response.json({ id: source.id, deletedEvents });
});
