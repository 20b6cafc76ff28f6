import "server-only";
import { db, getDbKind } from "@/lib/db";
import { toEventDto, type EventDto, type EventLike, type EventPage, type ResolvedEventFilter } from "@/lib/eventlog/dto";
import { buildEventBacklogQuery, queryEventPage } from "@/lib/eventlog/read.mjs";
import type { EventFilter } from "@/lib/schemas/events";

// Reads of the event log for the debugger. Raw SQL (lib/eventlog/read.mjs) so that every page is one indexed
// range walk on both flavours; bench/events.mjs measures it on a million events.

export type { EventPage } from "@/lib/eventlog/dto";

/** AnonymousIds one person's identify calls carried, at most this many (the newest). */
const PERSON_ANONYMOUS_IDS = 20;

/**
 * With identity "any" and a userId: the anonymousIds seen on that user's identify calls, so that "show all their
 * calls" also lists what they did before they were identified. Identify calls ride the (workspaceId, type) index.
 */
export async function resolveEventFilter(workspaceId: string, filter: EventFilter): Promise<ResolvedEventFilter> {
  if (filter.identity !== "any" || filter.userId === undefined) return filter;
  const rows = await db.event.findMany({
    where: { workspaceId, type: "identify", userId: filter.userId, anonymousId: { not: null } },
    select: { anonymousId: true },
    orderBy: { id: "desc" },
    take: 200,
  });
  const anonymousIds = [...new Set(rows.map((r) => r.anonymousId!))].slice(0, PERSON_ANONYMOUS_IDS);
  return { ...filter, anonymousIds };
}

function runSql(sql: string, params: unknown[]): Promise<EventLike[]> {
  return db.$queryRawUnsafe<EventLike[]>(sql, ...params);
}

/** Newest first, below the `before` cursor. A page may be short but still have a nextCursor when a filter
 *  without an index (identities, q, status, from/to) hit the scan window: keep paging until nextCursor is null. */
export async function listEvents(
  workspaceId: string,
  filter: EventFilter,
  page: { before?: string; limit: number; window?: number },
): Promise<EventPage> {
  // Read before the page, so an event stored in between is on the page or above latestId, never neither.
  const latest =
    page.before === undefined
      ? await db.event.findFirst({ where: { workspaceId }, orderBy: { id: "desc" }, select: { id: true } })
      : undefined;
  const resolved = await resolveEventFilter(workspaceId, filter);
  const { rows, nextCursor } = await queryEventPage(getDbKind(), workspaceId, resolved, page, runSql);
  const events = rows.map(toEventDto);
  return latest === undefined ? { events, nextCursor } : { events, nextCursor, latestId: latest ? String(latest.id) : null };
}

/** Events with id > `after` (and ≤ `upTo` when given), oldest first: the replay after a reconnect. */
export async function listEventsAfter(
  workspaceId: string,
  filter: ResolvedEventFilter,
  page: { after: string; upTo?: string; limit: number },
): Promise<EventDto[]> {
  const { sql, params } = buildEventBacklogQuery(getDbKind(), workspaceId, filter, page);
  return (await runSql(sql, params)).map(toEventDto);
}
