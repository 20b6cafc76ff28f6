import { withWorkspace } from "@/lib/api";
import { listEvents } from "@/lib/data/events";
import { listEventsQuerySchema, searchParamsObject } from "@/lib/schemas/events";

// GET /api/workspaces/:workspaceId/events — stored calls, newest first: filters, `before` cursor, `limit` ≤ 200.
// Returns { events, nextCursor }; a short page with a nextCursor means "keep paging" (see listEvents).
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const { before, limit, ...filter } = listEventsQuerySchema.parse(searchParamsObject(req.url));
  return Response.json(await listEvents(workspaceId, filter, { before, limit: limit ?? 50 }));
});
