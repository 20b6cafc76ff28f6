import type { DeliveryDto, DeliveryStatusName, EventRoutingDto } from "@/lib/schemas/deliveries";

// An event's journey: one line per destination action that could have received it, with its outcome. Built
// from the routing the worker applies (lib/data/events-journey.ts: which actions take the event, and why the
// others do not) and the Delivery rows of the event; live updates (DeliveryDto rows pushed on the SSE
// stream) are merged in here. Pure and isomorphic: the events API builds lines, the debugger merges updates.
// Routing is evaluated against today's configuration, so it can only predict what happens to events the
// worker has not reached yet; for the ones it has (the destination's cursor passed them) a Delivery row is
// what happened, and an action that takes the event today but has no row did not take it then: changed_since.

/** "pending": an action takes the event but the worker has not reached it yet (its cursor is before it). */
export type JourneyStatus = "filtered" | "pending" | DeliveryStatusName;

export type JourneyLine = {
  destinationId: string;
  destinationName: string;
  actionId: string;
  actionName: string;
  status: JourneyStatus;
  /** Filtered: why — trigger, integrations, disabled (the action is off), destination_disabled, invalid_trigger,
   *  rejected (at ingest), before_destination (connected after the call), changed_since (the worker routed the
   *  call and this action did not take it then, though it would today: it was off, or its trigger differed). */
  reason: string | null;
  message: string | null;
  /** The Delivery row behind the outcome (its attempts: GET …/deliveries/{deliveryId}). */
  deliveryId: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  statusCode: number | null;
  lastError: string | null;
  latencyMs: number | null;
  updatedAt: string | null;
};

/** An outcome update pushed on the stream: a Delivery row as it is now. */
export type OutcomeUpdate = DeliveryDto;

function fromDelivery(line: Omit<JourneyLine, "status">, d: OutcomeUpdate): JourneyLine {
  return {
    ...line,
    status: d.status,
    // A delivery that exists was taken, whatever routing says today (the action may have changed since).
    reason: null,
    message: null,
    deliveryId: d.id,
    attempts: d.attempts,
    nextAttemptAt: d.status === "retrying" ? d.nextAttemptAt : null,
    statusCode: d.statusCode,
    lastError: d.lastError,
    latencyMs: d.latencyMs,
    updatedAt: d.updatedAt,
  };
}

const blank = {
  deliveryId: null,
  attempts: 0,
  nextAttemptAt: null,
  statusCode: null,
  lastError: null,
  latencyMs: null,
};

export const CHANGED_SINCE_MESSAGE =
  "Not sent: when this call was processed this action did not take it (it or its destination was off, or its trigger or settings were different). Replay the time range to send it.";

/** The lines of one event: every action of every connected destination, in routing order. */
export function buildJourney(routing: EventRoutingDto[], deliveries: OutcomeUpdate[]): JourneyLine[] {
  const byAction = new Map(deliveries.map((d) => [d.actionId, d]));
  const lines: JourneyLine[] = [];
  for (const dest of routing) {
    for (const a of dest.actions) {
      const base = {
        destinationId: dest.destinationId,
        destinationName: dest.destinationName,
        actionId: a.actionId,
        actionName: a.actionName,
        reason: a.taken ? null : (a.reason ?? null),
        message: a.taken ? null : (a.message ?? null),
        ...blank,
        updatedAt: null,
      };
      const d = byAction.get(a.actionId);
      byAction.delete(a.actionId);
      if (d) lines.push(fromDelivery(base, d));
      else if (!a.taken) lines.push({ ...base, status: "filtered" });
      else if (dest.isRouted)
        lines.push({ ...base, status: "filtered", reason: "changed_since", message: CHANGED_SINCE_MESSAGE });
      else lines.push({ ...base, status: "pending" });
    }
  }
  // Deliveries of actions no longer routed (a deleted action, a disconnected source) are still history.
  for (const d of byAction.values()) lines.push(fromDelivery(unknownAction(d), d));
  return lines;
}

function unknownAction(d: OutcomeUpdate): Omit<JourneyLine, "status"> {
  return {
    destinationId: d.destinationId,
    destinationName: "Destination",
    actionId: d.actionId,
    actionName: "Action",
    reason: null,
    message: null,
    ...blank,
    updatedAt: null,
  };
}

/** Whether `d` is at least as new as what the line shows (later write, or more attempts at the same time). */
function isNewer(line: JourneyLine, d: OutcomeUpdate): boolean {
  if (!line.updatedAt) return true;
  const [a, b] = [Date.parse(line.updatedAt), Date.parse(d.updatedAt)];
  return b > a || (b === a && d.attempts >= line.attempts);
}

/** The lines with the updates of their event applied (others ignored); unchanged input when nothing applies. */
export function applyOutcomeUpdates(lines: JourneyLine[], eventId: string, updates: OutcomeUpdate[]): JourneyLine[] {
  let next = lines;
  for (const d of updates) {
    if (d.eventId !== eventId) continue;
    const i = next.findIndex((l) => l.actionId === d.actionId);
    if (i === -1) {
      next = [...next, fromDelivery(unknownAction(d), d)];
    } else if (isNewer(next[i]!, d)) {
      next = next.map((l, j) => (j === i ? fromDelivery(l, d) : l));
    }
  }
  return next;
}

const ORDER: JourneyStatus[] = ["delivered", "pending", "retrying", "failed", "dead", "discarded", "filtered"];

export type JourneySummary = {
  counts: Partial<Record<JourneyStatus, number>>;
  /** "2 delivered · 1 filtered"; "" when no action could receive the event. */
  text: string;
  /** A delivery failed for good (failed or dead): the list marks the row. */
  hasFailure: boolean;
  isRetrying: boolean;
};

export function summarizeJourney(lines: JourneyLine[]): JourneySummary {
  const counts: Partial<Record<JourneyStatus, number>> = {};
  for (const l of lines) counts[l.status] = (counts[l.status] ?? 0) + 1;
  const text = ORDER.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s}`)
    .join(" · ");
  return { counts, text, hasFailure: Boolean(counts.failed || counts.dead), isRetrying: Boolean(counts.retrying) };
}
