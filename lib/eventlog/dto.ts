import { MAX_CALL_DEPTH, valueDepth } from "@/lib/eventlog/json-depth";
import type { EventRow } from "@/lib/eventlog/types";
import type { EventFilter, EventStatus } from "@/lib/schemas/events";

// The shape of one stored call as the events API and stream send it, and the stream's in-memory filter.
// Pure: shared by lib/data/events.ts (database rows) and the SSE stream (live bus events).

export type EventDto = {
  id: string;
  sourceId: string;
  messageId: string;
  type: string;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  receivedAt: string;
  status: EventStatus;
  reason: string | null;
  /** The rejection's stable code (lib/ingest/reason-codes.ts); null for accepted calls and older rows. */
  reasonCode: string | null;
  /** The stored call parsed, or the raw text when it is not JSON (a rejected call's body) or is nested too
   *  deep to serialize and render safely (rows stored before ingest limited the depth, rejected deep calls). */
  payload: unknown;
};

/** A page of the events API. latestId (first page only): the workspace's newest event id when the page was read,
 *  whatever the filters: a live stream resumed from max(latestId, newest id on the page) misses nothing and
 *  repeats nothing. */
export type EventPage = { events: EventDto[]; nextCursor: string | null; latestId?: string | null };

/** A filter with the person's anonymousIds looked up (identity "any": see lib/data/events.ts). */
export type ResolvedEventFilter = EventFilter & { anonymousIds?: string[] };

/** A stored event from either source: a raw SQL row (SQLite: id number/bigint, date text) or the live bus. */
export type EventLike = Omit<EventRow, "workspaceId" | "receivedAt" | "status"> & {
  id: string | number | bigint;
  receivedAt: Date | string;
  status: string;
};

/** Any stored text in, something JSON.stringify and the debugger's renderers can always handle out. */
export function parsePayload(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return valueDepth(value, MAX_CALL_DEPTH) > MAX_CALL_DEPTH ? text : value;
  } catch {
    return text;
  }
}

export function toEventDto(e: EventLike): EventDto {
  return {
    id: String(e.id),
    sourceId: e.sourceId,
    messageId: e.messageId,
    type: e.type,
    name: e.name,
    userId: e.userId,
    anonymousId: e.anonymousId,
    receivedAt: new Date(e.receivedAt).toISOString(),
    status: e.status === "rejected" ? "rejected" : "accepted",
    reason: e.reason,
    reasonCode: e.reasonCode ?? null,
    payload: parsePayload(e.payload),
  };
}

/** Whether a live event passes the filter, with the same meaning as the SQL (q: case-insensitive substring). */
export function matchesEventFilter(filter: ResolvedEventFilter, e: EventLike): boolean {
  if (filter.sourceId !== undefined && e.sourceId !== filter.sourceId) return false;
  if (filter.type !== undefined && e.type !== filter.type) return false;
  if (filter.event !== undefined && e.name !== filter.event) return false;
  if (filter.identity === "any" && filter.userId !== undefined) {
    const anonymousIds = [...(filter.anonymousIds ?? []), ...(filter.anonymousId ? [filter.anonymousId] : [])];
    if (e.userId !== filter.userId && !(e.anonymousId && anonymousIds.includes(e.anonymousId))) return false;
  } else {
    if (filter.userId !== undefined && e.userId !== filter.userId) return false;
    if (filter.anonymousId !== undefined && e.anonymousId !== filter.anonymousId) return false;
  }
  if (filter.status !== undefined && e.status !== filter.status) return false;
  const at = new Date(e.receivedAt).getTime();
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at > Date.parse(filter.to)) return false;
  if (filter.q !== undefined && !e.payload.toLowerCase().includes(filter.q.toLowerCase())) return false;
  return true;
}
