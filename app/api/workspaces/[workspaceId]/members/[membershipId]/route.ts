import { readJson, withWorkspace } from "@/lib/api";
import type { WorkspaceContext } from "@/lib/api/handler";
import { updateMemberSchema } from "@/lib/schemas/members";
import { removeMember, updateMemberRole, type Caller } from "@/lib/data/members";

type Params = { workspaceId: string; membershipId: string };

function callerOf({ role, actor }: WorkspaceContext<Params>): Caller {
  return { role, actor };
}

// PATCH /api/workspaces/:workspaceId/members/:membershipId — change a member's role (owner role: owners only)
export const PATCH = withWorkspace<Params>({ role: "admin" }, async (ctx) => {
  const input = updateMemberSchema.parse(await readJson(ctx.req));
  return Response.json(await updateMemberRole(ctx.workspaceId, callerOf(ctx), ctx.params.membershipId, input));
});

// DELETE /api/workspaces/:workspaceId/members/:membershipId — remove a member (admins+), or leave (anyone, for themself)
export const DELETE = withWorkspace<Params>({ role: "member" }, async (ctx) => {
  await removeMember(ctx.workspaceId, callerOf(ctx), ctx.params.membershipId);
  return new Response(null, { status: 204 });
});
