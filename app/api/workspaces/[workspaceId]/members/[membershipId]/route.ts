import { actorUserId, readJson, withWorkspace } from "@/lib/api";
import type { WorkspaceContext } from "@/lib/api/handler";
import { updateMemberSchema } from "@/lib/schemas/members";
import { removeMember, updateMemberRole, type Caller } from "@/lib/data/members";
import { recordAudit } from "@/lib/data/audit";

type Params = { workspaceId: string; membershipId: string };

function callerOf({ role, actor }: WorkspaceContext<Params>): Caller {
  return { role, userId: actorUserId(actor) };
}

// PATCH /api/workspaces/:workspaceId/members/:membershipId — change a member's role (owner role: owners only)
export const PATCH = withWorkspace<Params>({ role: "admin" }, async (ctx) => {
  const input = updateMemberSchema.parse(await readJson(ctx.req));
  const { member, previousRole } = await updateMemberRole(
    ctx.workspaceId,
    callerOf(ctx),
    ctx.params.membershipId,
    input,
  );
  await recordAudit(ctx.workspaceId, ctx.actor, "member.role_change", {
    type: "membership",
    id: member.id,
    details: { email: member.email, from: previousRole, to: member.role },
  });
  return Response.json(member);
});

// DELETE /api/workspaces/:workspaceId/members/:membershipId — remove a member (admins+), or leave (anyone, for themself)
export const DELETE = withWorkspace<Params>({ role: "member" }, async (ctx) => {
  const { member, isSelf } = await removeMember(ctx.workspaceId, callerOf(ctx), ctx.params.membershipId);
  await recordAudit(ctx.workspaceId, ctx.actor, isSelf ? "member.leave" : "member.remove", {
    type: "membership",
    id: member.id,
    details: { email: member.email, role: member.role },
  });
  return new Response(null, { status: 204 });
});
