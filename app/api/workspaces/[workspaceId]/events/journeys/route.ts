import { AppError, withWorkspace } from "@/lib/api";
import { listJourneys, MAX_JOURNEYS } from "@/lib/data/events-journey";

// GET /api/workspaces/:workspaceId/events/journeys?ids=1,2,3 — the `outcomes` of up to 100 events at once (the
// debugger's list summaries), as { journeys: { [eventId]: outcomes } }; ids of other workspaces are left out.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const ids = (new URL(req.url).searchParams.get("ids") ?? "").split(",").filter(Boolean);
  if (ids.length > MAX_JOURNEYS)
    throw new AppError("validation_failed", `At most ${MAX_JOURNEYS} ids`, { fields: { ids: ["Too many"] } });
  return Response.json({ journeys: await listJourneys(workspaceId, ids) });
});
