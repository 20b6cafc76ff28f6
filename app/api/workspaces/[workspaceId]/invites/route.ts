import { readJson, withWorkspace } from "@/lib/api";
import { publicBaseUrl } from "@/lib/api/public-origin";
import { createInviteSchema } from "@/lib/schemas/members";
import { createInvite } from "@/lib/data/members";
import { recordAudit } from "@/lib/data/audit";

// POST /api/workspaces/:workspaceId/invites — invite by email with a role; answers the link, shown this once
export const POST = withWorkspace({ role: "admin" }, async ({ req, workspaceId, role, actor }) => {
  const input = createInviteSchema.parse(await readJson(req));
  const caller = { role, userId: actor.kind === "user" ? actor.userId : null };
  const { invite, token } = await createInvite(workspaceId, caller, input);
  await recordAudit(workspaceId, actor, "member.invite", {
    type: "invite",
    id: invite.id,
    details: { email: invite.email, role: invite.role },
  });
  // TODO(#5): also email the link when SMTP is configured; for now the inviter copies it.
  // The host the inviter is using (or SLUICE_PUBLIC_URL): behind `npm start`, req.url says localhost.
  return Response.json({ invite, url: `${publicBaseUrl(req)}/invite/${token}` }, { status: 201 });
});
