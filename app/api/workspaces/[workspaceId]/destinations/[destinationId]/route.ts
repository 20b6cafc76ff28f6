import { readJson, withWorkspace } from "@/lib/api";
import { recordAudit } from "@/lib/data/audit";
import { deleteDestination, getDestination, updateDestination } from "@/lib/data/destinations";
import { updateDestinationSchema } from "@/lib/schemas/destinations";

type Params = { workspaceId: string; destinationId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId — one destination with its actions (no secrets)
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await getDestination(workspaceId, params.destinationId)),
);

// PATCH /api/workspaces/:workspaceId/destinations/:destinationId — rename, enable / disable, change settings
// (a key left out keeps its value, null clears it), replace the connected sources
export const PATCH = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateDestinationSchema.parse(await readJson(req));
  const { before, after, changedSettings } = await updateDestination(workspaceId, params.destinationId, input);
  const audit = (action: string, details?: unknown) =>
    recordAudit(workspaceId, actor, action, { type: "destination", id: after.id, details });
  if (before.name !== after.name) await audit("destination.rename", { from: before.name, to: after.name });
  if (before.enabled !== after.enabled) await audit(after.enabled ? "destination.enable" : "destination.disable");
  if (changedSettings.length > 0) await audit("destination.settings", { changed: changedSettings });
  if (before.sourceIds.join() !== after.sourceIds.join()) {
    await audit("destination.connections", { from: before.sourceIds, to: after.sourceIds });
  }
  return Response.json(after);
});

// DELETE /api/workspaces/:workspaceId/destinations/:destinationId — delete it with its actions and connections
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params, actor }) => {
  const destination = await deleteDestination(workspaceId, params.destinationId);
  await recordAudit(workspaceId, actor, "destination.delete", {
    type: "destination",
    id: destination.id,
    details: { name: destination.name, slug: destination.slug },
  });
  return Response.json({ id: destination.id });
});
