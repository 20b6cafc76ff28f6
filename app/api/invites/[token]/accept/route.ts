import { clientAddress } from "@/lib/auth/login-throttle";
import { readJson, withErrors } from "@/lib/api";
import { acceptInviteExistingUserSchema, acceptInviteNewUserSchema } from "@/lib/schemas/members";
import { acceptInvite, getInvitePreview } from "@/lib/data/invites";

type RouteContext = { params: Promise<{ token: string }> };

// POST /api/invites/:token/accept — public: join the workspace, creating the account or proving it with its password
export const POST = withErrors<RouteContext>(async (req, { params }) => {
  const { token } = await params;
  const { hasAccount } = await getInvitePreview(token);
  const schema = hasAccount ? acceptInviteExistingUserSchema : acceptInviteNewUserSchema;
  const input = schema.parse(await readJson(req));
  const joined = await acceptInvite(token, input, clientAddress(req.headers));
  return Response.json(joined);
});
