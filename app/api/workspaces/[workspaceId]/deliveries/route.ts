import { withWorkspace } from "@/lib/api";
import { listDeliveries } from "@/lib/data/deliveries";
import { explainEventRouting } from "@/lib/data/events-journey";
import { listDeliveriesQuerySchema } from "@/lib/schemas/deliveries";
import { searchParamsObject } from "@/lib/schemas/events";

// GET /api/workspaces/:workspaceId/deliveries — delivery outcomes, newest first, by destinationId, status, eventId;
// `before` = the previous page's nextCursor. With eventId, `routing` also explains each connected action's decision.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const query = listDeliveriesQuerySchema.parse(searchParamsObject(req.url));
  const page = await listDeliveries(workspaceId, query);
  if (!query.eventId) return Response.json(page);
  return Response.json({ ...page, routing: await explainEventRouting(workspaceId, query.eventId) });
});
