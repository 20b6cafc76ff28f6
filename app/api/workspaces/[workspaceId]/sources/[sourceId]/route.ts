import { readJson, withWorkspace } from "@/lib/api";
import { invalidateWriteKey } from "@/lib/ingest";
import { deleteSourceSchema, updateSourceSchema } from "@/lib/schemas/sources";
import { deleteSource, getSource, updateSource } from "@/lib/data/sources";
import { recordAudit } from "@/lib/data/audit";

type Params = { workspaceId: string; sourceId: string };

// GET /api/workspaces/:workspaceId/sources/:sourceId — one source
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await getSource(workspaceId, params.sourceId)),
);

// PATCH /api/workspaces/:workspaceId/sources/:sourceId — rename, enable / disable, pick the in-app Site ID key,
// set the source's ingest rate limit ({ rateLimit: { calls, windowSeconds } }, null = the server's default)
export const PATCH = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = updateSourceSchema.parse(await readJson(req));
  const { before, after } = await updateSource(workspaceId, params.sourceId, input);
  const audit = (action: string, details?: unknown) =>
    recordAudit(workspaceId, actor, action, { type: "source", id: after.id, details });
  if (before.name !== after.name) await audit("source.rename", { from: before.name, to: after.name });
  if (before.enabled !== after.enabled) {
    invalidateWriteKey(after.writeKey); // ingest answers 403 (or 200 again) from the next call on
    await audit(after.enabled ? "source.enable" : "source.disable");
  }
  if (before.rateLimit !== after.rateLimit || before.rateLimitWindowSeconds !== after.rateLimitWindowSeconds) {
    invalidateWriteKey(after.writeKey); // this process applies it from the next call, others within 5 s
    await audit("source.rate_limit", { rateLimit: after.rateLimit, windowSeconds: after.rateLimitWindowSeconds });
  }
  if (before.inAppSiteKeyId !== after.inAppSiteKeyId) {
    await audit("source.in_app_key", { inAppSiteKeyId: after.inAppSiteKeyId });
  }
  return Response.json(after);
});

// DELETE /api/workspaces/:workspaceId/sources/:sourceId — delete; body { deleteEvents } says whether its events go too
export const DELETE = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params, actor }) => {
  const input = deleteSourceSchema.parse(await readJson(req));
  const { source, deletedEvents } = await deleteSource(workspaceId, params.sourceId, input);
  invalidateWriteKey(source.writeKey);
  await recordAudit(workspaceId, actor, "source.delete", {
    type: "source",
    id: source.id,
    details: { name: source.name, type: source.type, deleteEvents: input.deleteEvents, deletedEvents },
  });
  return Response.json({ id: source.id, deletedEvents });
});
