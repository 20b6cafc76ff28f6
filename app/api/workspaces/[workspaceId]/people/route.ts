import { withWorkspace } from "@/lib/api";
import { listPeople } from "@/lib/data/people";
import { listPeopleSchema } from "@/lib/schemas/people";

// GET /api/workspaces/:workspaceId/people — the people store, newest first: `search` (id, email, any attribute
// value), `has` (attribute present), `attr` + `value` (attribute equals), `seenDays`, `cursor`, `limit` ≤ 200.
// Returns { people, nextCursor, total, matching }.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const input = listPeopleSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listPeople(workspaceId, input));
});
