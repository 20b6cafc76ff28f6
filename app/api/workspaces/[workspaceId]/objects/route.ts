import { withWorkspace } from "@/lib/api";
import { listObjects } from "@/lib/data/objects";
import { listObjectsSchema } from "@/lib/schemas/people";

// GET /api/workspaces/:workspaceId/objects — object types with counts, and the objects of `type` (default the
// first type): `search` (object id), `cursor`, `limit` ≤ 200. Returns { types, objects, nextCursor }.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const input = listObjectsSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listObjects(workspaceId, input));
});
