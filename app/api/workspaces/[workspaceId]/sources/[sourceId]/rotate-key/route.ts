import { withWorkspace } from "@/lib/api";
import { invalidateWriteKey } from "@/lib/ingest";
import { rotateWriteKey } from "@/lib/data/sources";
import { recordAudit } from "@/lib/data/audit";

type Params = { workspaceId: string; sourceId: string };

// POST /api/workspaces/:workspaceId/sources/:sourceId/rotate-key — a new write key; the old one stops working at once
export const POST = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params, actor }) => {
  const { previousWriteKey, source } = await rotateWriteKey(workspaceId, params.sourceId);
  invalidateWriteKey(previousWriteKey);
  invalidateWriteKey(source.writeKey); // in case a client tried it before it existed (cached as unknown)
  await recordAudit(workspaceId, actor, "source.rotate_key", { type: "source", id: source.id });
  return Response.json(source);
});
