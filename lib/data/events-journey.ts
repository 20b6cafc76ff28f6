import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { toEventDto, type EventDto } from "@/lib/eventlog/dto";
import { buildJourney, type JourneyLine } from "@/lib/eventlog/journey";
import { parseEvent } from "@/lib/pipeline/page";
import { routeEvent } from "@/lib/pipeline/route";
import type { EventRoutingDto } from "@/lib/schemas/deliveries";
import { listDeliveriesOfEvents } from "./deliveries";

// Each event's journey (lib/eventlog/journey.ts) for many events at once: the routing the worker applies
// (lib/pipeline/route.ts, evaluated against the connected destinations' current actions, in four queries for a
// whole page of events; explainEventRouting answers it for one event), whether each
// destination's cursor has passed the event (then today's routing may not be what happened), and its deliveries.

const MAX_EVENT_ID = 9223372036854775807n;
const isEventId = (id: string) => /^\d{1,19}$/.test(id) && BigInt(id) <= MAX_EVENT_ID;

/** At most this many events per request (a page of the debugger's list). */
export const MAX_JOURNEYS = 100;

const eventSelect = {
  id: true,
  sourceId: true,
  messageId: true,
  type: true,
  name: true,
  userId: true,
  anonymousId: true,
  payload: true,
  receivedAt: true,
  status: true,
  reason: true,
} as const;

type EventRow = { id: bigint; sourceId: string; payload: string; status: string; receivedAt: Date };

async function connectedDestinations(workspaceId: string, sourceIds: string[]) {
  const rows = await db.connection.findMany({
    where: { workspaceId, sourceId: { in: sourceIds } },
    select: {
      sourceId: true,
      createdAt: true,
      destination: {
        select: {
          id: true,
          name: true,
          slug: true,
          enabled: true,
          createdAt: true,
          actions: {
            select: { id: true, name: true, trigger: true, enabled: true },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  type Routed = (typeof rows)[number]["destination"] & { since: Date };
  const bySource = new Map<string, Routed[]>();
  for (const r of rows) {
    // Delivery starts where the destination's cursor was when the source joined it: calls before never reach it.
    const since = r.createdAt > r.destination.createdAt ? r.createdAt : r.destination.createdAt;
    bySource.set(r.sourceId, [...(bySource.get(r.sourceId) ?? []), { ...r.destination, since }]);
  }
  return bySource;
}

/** Each destination's cursor position: every accepted event with id ≤ it has been routed (and every action that
 *  took one has its Delivery row, written in the same transaction as the cursor's move). */
async function cursorPositions(workspaceId: string, destinationIds: string[]): Promise<Map<string, bigint>> {
  const rows = await db.deliveryCursor.findMany({
    where: { workspaceId, destinationId: { in: destinationIds } },
    select: { destinationId: true, position: true },
  });
  return new Map(rows.map((r) => [r.destinationId, BigInt(r.position)]));
}

function routingOf(
  event: EventRow,
  destinations: Awaited<ReturnType<typeof connectedDestinations>>,
  cursors: Map<string, bigint>,
) {
  const parsed = event.status === "accepted" ? parseEvent(event.payload) : null;
  return (destinations.get(event.sourceId) ?? []).map((dest): EventRoutingDto => {
    const decisions = parsed ? routeEvent(parsed, { names: [dest.name, dest.slug] }, dest.actions) : [];
    const off = (reason: string, message: string) => ({ taken: false, reason, message });
    const position = cursors.get(dest.id);
    return {
      destinationId: dest.id,
      destinationName: dest.name,
      isRouted: position !== undefined && event.id <= position,
      actions: dest.actions.map((a, i) => {
        const d = decisions[i];
        const base = { actionId: a.id, actionName: a.name };
        if (!parsed) return { ...base, ...off("rejected", "The call was rejected at ingest") };
        if (!dest.enabled) return { ...base, ...off("destination_disabled", "The destination is off") };
        if (!d?.take) return { ...base, ...off(d?.reason ?? "trigger", d?.message ?? "Not taken") };
        if (event.receivedAt < dest.since)
          return { ...base, ...off("before_destination", "The destination was connected after this call") };
        return { ...base, taken: true };
      }),
    };
  });
}

/** The journeys of the workspace's events among `ids` (others are left out), keyed by event id. */
export async function listJourneys(workspaceId: string, ids: string[]): Promise<Record<string, JourneyLine[]>> {
  const wanted = [...new Set(ids.filter(isEventId))].slice(0, MAX_JOURNEYS);
  if (wanted.length === 0) return {};
  const events = await db.event.findMany({
    where: { workspaceId, id: { in: wanted.map((id) => BigInt(id)) } },
    select: { id: true, sourceId: true, payload: true, status: true, receivedAt: true },
  });
  return journeysOf(workspaceId, events);
}

async function journeysOf(workspaceId: string, events: EventRow[]): Promise<Record<string, JourneyLine[]>> {
  if (events.length === 0) return {};
  const destinations = await connectedDestinations(workspaceId, [...new Set(events.map((e) => e.sourceId))]);
  const destinationIds = [...new Set([...destinations.values()].flat().map((d) => d.id))];
  // The cursors before the deliveries, never at once: a cursor's move commits with its page's Delivery rows, so
  // deliveries read after it include every one the cursor vouches for (read together, a page committed in
  // between would show the cursor past an event whose delivery the other read missed: "not sent", wrongly).
  const cursors = await cursorPositions(workspaceId, destinationIds);
  const deliveries = await listDeliveriesOfEvents(
    workspaceId,
    events.map((e) => String(e.id)),
  );
  const out: Record<string, JourneyLine[]> = {};
  for (const e of events) {
    const id = String(e.id);
    out[id] = buildJourney(
      routingOf(e, destinations, cursors),
      deliveries.filter((d) => d.eventId === id),
    );
  }
  return out;
}

/** Why each action of each connected destination did or did not take one stored event (GET …/deliveries?eventId=):
 *  the journey's routing, with the same cursor and connection-time checks. */
export async function explainEventRouting(workspaceId: string, eventId: string): Promise<EventRoutingDto[]> {
  if (!isEventId(eventId)) throw new AppError("not_found", "Event not found");
  const event = await db.event.findFirst({
    where: { id: BigInt(eventId), workspaceId },
    select: { id: true, sourceId: true, payload: true, status: true, receivedAt: true },
  });
  if (!event) throw new AppError("not_found", "Event not found");
  const destinations = await connectedDestinations(workspaceId, [event.sourceId]);
  const cursors = await cursorPositions(
    workspaceId,
    (destinations.get(event.sourceId) ?? []).map((d) => d.id),
  );
  return routingOf(event, destinations, cursors);
}

/** One stored event with its journey (`outcomes`). */
export async function getEventWithOutcomes(
  workspaceId: string,
  eventId: string,
): Promise<EventDto & { outcomes: JourneyLine[] }> {
  if (!isEventId(eventId)) throw new AppError("not_found", "Event not found");
  const row = await db.event.findFirst({ where: { id: BigInt(eventId), workspaceId }, select: eventSelect });
  if (!row) throw new AppError("not_found", "Event not found");
  const journeys = await journeysOf(workspaceId, [row]);
  return { ...toEventDto(row), outcomes: journeys[eventId] ?? [] };
}
