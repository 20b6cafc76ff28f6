import { withErrors } from "@/lib/api";
import { getInvitePreview } from "@/lib/data/invites";

type RouteContext = { params: Promise<{ token: string }> };

// GET /api/invites/:token — public: what an invite link offers (workspace, email, role, existing account?)
export const GET = withErrors<RouteContext>(async (_req, { params }) =>
  Response.json(await getInvitePreview((await params).token)),
);
