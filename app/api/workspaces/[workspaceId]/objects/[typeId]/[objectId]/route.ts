import { AppError, withWorkspace } from "@/lib/api";
import { getObject } from "@/lib/data/objects";

type Params = { workspaceId: string; typeId: string; objectId: string };

// GET /api/workspaces/:workspaceId/objects/:typeId/:objectId — an object's attributes and related people
export const GET = withWorkspace<Params>({ role: "member" }, async ({ params, workspaceId }) => {
  const typeId = Number(params.typeId);
  if (!Number.isInteger(typeId) || typeId < 1) throw new AppError("not_found", "Object not found");
  return Response.json(await getObject(workspaceId, typeId, safeDecode(params.objectId)));
});

/** A path segment as text, whether or not the router decoded it already. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
