import { readJson, withWorkspace } from "@/lib/api";
import { publicBaseUrl } from "@/lib/api/public-origin";
import { createInviteSchema } from "@/lib/schemas/members";
import { createInvite } from "@/lib/data/invites";
import { getWorkspace } from "@/lib/data/workspaces";
import { sendInviteEmail } from "@/lib/mail";

// POST /api/workspaces/:workspaceId/invites — invite by email with a role; emails the link when SMTP is configured
// and answers it, shown this once
export const POST = withWorkspace({ role: "admin" }, async ({ req, workspaceId, role, actor }) => {
  const input = createInviteSchema.parse(await readJson(req));
  const { invite, token } = await createInvite(workspaceId, { role, actor }, input);
  // The host the inviter is using (or SLUICE_PUBLIC_URL): behind `npm start`, req.url says localhost.
  const url = `${publicBaseUrl(req)}/invite/${token}`;
  const { name: workspaceName } = await getWorkspace(workspaceId);
  const email = await sendInviteEmail({ email: invite.email, role: invite.role, workspaceName, url });
  return Response.json({ invite, url, email }, { status: 201 });
});
