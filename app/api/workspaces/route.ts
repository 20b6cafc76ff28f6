import { readJson, withUser } from "@/lib/api";
import { createWorkspaceSchema } from "@/lib/schemas/workspaces";
import { createWorkspace, listWorkspacesForUser } from "@/lib/data/workspaces";

// GET /api/workspaces — the caller's workspaces with their role in each
export const GET = withUser(async ({ userId }) => Response.json({ workspaces: await listWorkspacesForUser(userId) }));

// POST /api/workspaces — create a workspace; the caller becomes its owner
export const POST = withUser(async ({ req, userId }) => {
  const input = createWorkspaceSchema.parse(await readJson(req));
  return Response.json(await createWorkspace(userId, input), { status: 201 });
});
