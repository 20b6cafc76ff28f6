import { withWorkspace } from "@/lib/api";
import { exportEvents } from "@/lib/data/events-export";
import { eventFilterSchema, searchParamsObject } from "@/lib/schemas/events";

// GET /api/workspaces/:workspaceId/events/export — the calls matching the filters (same as GET …/events) as
// NDJSON, one stored call per line (its payload, with Sluice's id, status and reason), newest first, at most
// 10,000 (`?limit=` for fewer); a download.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const { limit: limitText, ...rest } = searchParamsObject(req.url);
  const limit = Math.max(1, Math.min(10_000, Number(limitText) || 10_000));
  const filter = eventFilterSchema.parse(rest);
  return new Response(exportEvents(workspaceId, filter, limit), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="sluice-calls-${new Date().toISOString().slice(0, 19).replace(/:/g, "")}.ndjson"`,
      "Cache-Control": "no-store",
    },
  });
});
