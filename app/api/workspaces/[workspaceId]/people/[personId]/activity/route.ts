import { withWorkspace } from "@/lib/api";
import { listActivity } from "@/lib/data/people";
import { listActivitySchema } from "@/lib/schemas/people";

type Params = { workspaceId: string; personId: string };

// GET /api/workspaces/:workspaceId/people/:personId/activity — events, page and screen views, newest first
// (`cursor`, `limit` ≤ 200). Returns { activity, nextCursor }.
export const GET = withWorkspace<Params>({ role: "member" }, async ({ req, params, workspaceId }) => {
  const input = listActivitySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listActivity(workspaceId, params.personId, input));
});
