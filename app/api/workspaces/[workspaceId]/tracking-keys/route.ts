import { readJson, withWorkspace } from "@/lib/api";
import { createTrackingKeySchema } from "@/lib/schemas/tracking-keys";
import { createTrackingKey, listTrackingKeys } from "@/lib/data/tracking-keys";

// GET /api/workspaces/:workspaceId/tracking-keys — Site IDs and masked API keys (admins and owners)
export const GET = withWorkspace({ role: "admin" }, async ({ workspaceId }) =>
  Response.json({ trackingKeys: await listTrackingKeys(workspaceId) }),
);

// POST /api/workspaces/:workspaceId/tracking-keys — create a Site ID + API key; the API key is in this response
export const POST = withWorkspace({ role: "admin" }, async ({ req, workspaceId, actor }) => {
  const input = createTrackingKeySchema.parse(await readJson(req));
  return Response.json(await createTrackingKey(workspaceId, input, { actor }), { status: 201 });
});
