import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { EventRoutingDto } from "@/lib/schemas/deliveries";
import { loadDestinationConfig } from "./config";
import { parseEvent } from "./page";
import { routeEvent } from "./route";

// "Why was (or wasn't) this event sent?" for one stored event: the routing the worker applies, evaluated again
// against each connected destination's current actions. Filtered events have no Delivery row; this is how
// the debugger explains them.

export async function explainEventRouting(workspaceId: string, eventId: string): Promise<EventRoutingDto[]> {
  if (!/^\d+$/.test(eventId)) throw new AppError("not_found", "Event not found");
  const event = await db.event.findFirst({
    where: { id: BigInt(eventId), workspaceId },
    select: { sourceId: true, payload: true, status: true },
  });
  if (!event) throw new AppError("not_found", "Event not found");
  const parsed = event.status === "accepted" ? parseEvent(event.payload) : null;
  const connections = await db.connection.findMany({
    where: { workspaceId, sourceId: event.sourceId },
    select: { destination: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const result: EventRoutingDto[] = [];
  for (const { destination } of connections) {
    const config = await loadDestinationConfig(destination.id);
    if (!config) continue;
    const decisions = parsed ? routeEvent(parsed, config, config.actions) : [];
    result.push({
      destinationId: destination.id,
      destinationName: destination.name,
      actions: config.actions.map((action, i) => {
        const d = decisions[i];
        if (!config.enabled)
          return {
            actionId: action.id,
            actionName: action.name,
            taken: false,
            reason: "destination_disabled",
            message: "The destination is off",
          };
        if (!d)
          return {
            actionId: action.id,
            actionName: action.name,
            taken: false,
            reason: "rejected",
            message: "The call was rejected at ingest",
          };
        return d.take
          ? { actionId: action.id, actionName: action.name, taken: true }
          : { actionId: action.id, actionName: action.name, taken: false, reason: d.reason, message: d.message };
      }),
    });
  }
  return result;
}
