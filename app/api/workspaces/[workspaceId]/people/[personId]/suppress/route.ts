import { withWorkspace } from "@/lib/api";
import { suppressPersonById } from "@/lib/data/people";

type Params = { workspaceId: string; personId: string };

// POST /api/workspaces/:workspaceId/people/:personId/suppress — deletes the person and blocks their id and
// email from being added again (as the User Suppressed event does)
export const POST = withWorkspace<Params>({ role: "member" }, async ({ params, workspaceId, actor }) => {
  await suppressPersonById(workspaceId, params.personId, actor);
  return new Response(null, { status: 204 });
});
