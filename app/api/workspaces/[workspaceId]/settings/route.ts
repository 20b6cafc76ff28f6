import { readJson, withWorkspace } from "@/lib/api";
import { updateSettingsSchema } from "@/lib/schemas/settings";
import { getSettings, updateSettings } from "@/lib/data/settings";

// GET /api/workspaces/:workspaceId/settings — in-app messaging, retention and merge settings
export const GET = withWorkspace({ role: "member" }, async ({ workspaceId }) =>
  Response.json(await getSettings(workspaceId)),
);

// PATCH /api/workspaces/:workspaceId/settings — change any of them (admins and owners)
export const PATCH = withWorkspace({ role: "admin" }, async ({ req, workspaceId, actor }) => {
  const input = updateSettingsSchema.parse(await readJson(req));
  return Response.json(await updateSettings(workspaceId, input, actor));
});
