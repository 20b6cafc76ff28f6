import { readJson, withWorkspace } from "@/lib/api";
import { createAppKeySchema } from "@/lib/schemas/app-keys";
import { createAppKey, listAppKeys } from "@/lib/data/app-keys";

// GET /api/workspaces/:workspaceId/app-keys — App API keys (prefix only, never the key)
export const GET = withWorkspace({ role: "admin" }, async ({ workspaceId }) =>
  Response.json({ appKeys: await listAppKeys(workspaceId) }),
);

// POST /api/workspaces/:workspaceId/app-keys — create a key; the token is in this response only
export const POST = withWorkspace({ role: "admin" }, async ({ req, workspaceId, actor }) => {
  const input = createAppKeySchema.parse(await readJson(req));
  const key = await createAppKey(workspaceId, input, actor);
  return Response.json(key, { status: 201, headers: { "cache-control": "no-store" } });
});
