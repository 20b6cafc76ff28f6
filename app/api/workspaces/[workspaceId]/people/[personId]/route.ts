import { withWorkspace } from "@/lib/api";
import { deletePersonById, getPerson } from "@/lib/data/people";

type Params = { workspaceId: string; personId: string };

// GET /api/workspaces/:workspaceId/people/:personId — identifiers, attributes (with when each changed),
// devices, relationships
export const GET = withWorkspace<Params>({ role: "member" }, async ({ params, workspaceId }) =>
  Response.json(await getPerson(workspaceId, params.personId)),
);

// DELETE /api/workspaces/:workspaceId/people/:personId — deletes the person (as the User Deleted event does)
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ params, workspaceId, actor }) => {
  await deletePersonById(workspaceId, params.personId, actor);
  return new Response(null, { status: 204 });
});
