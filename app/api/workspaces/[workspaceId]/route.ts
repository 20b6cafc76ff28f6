import { readJson, withWorkspace } from "@/lib/api";
import { updateWorkspaceSchema } from "@/lib/schemas/workspaces";
import { getWorkspace, updateWorkspace } from "@/lib/data/workspaces";

// GET /api/workspaces/:workspaceId — the workspace and the caller's role in it
export const GET = withWorkspace({ role: "member" }, async ({ workspaceId, role }) => {
  const w = await getWorkspace(workspaceId);
  return Response.json({ id: w.id, name: w.name, role, createdAt: w.createdAt.toISOString() });
});

// PATCH /api/workspaces/:workspaceId — rename (admins and owners)
export const PATCH = withWorkspace({ role: "admin" }, async ({ req, workspaceId, role, actor }) => {
  const input = updateWorkspaceSchema.parse(await readJson(req));
  return Response.json(await updateWorkspace(workspaceId, role, input, actor));
});
