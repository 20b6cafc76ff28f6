import { withWorkspace } from "@/lib/api";
import { listMembers } from "@/lib/data/members";

// GET /api/workspaces/:workspaceId/members — the members with their roles, and the pending invites
export const GET = withWorkspace({ role: "member" }, async ({ workspaceId }) =>
  Response.json(await listMembers(workspaceId)),
);
