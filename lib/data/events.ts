import "server-only";
import { db, getDbKind } from "@/lib/db";
import { toEventDto, type EventDto, type EventLike } from "@/lib/events/dto";
import { buildEventBacklogQuery, queryEventPage } from "@/lib/events/sql.mjs";
import type { EventFilter } from "@/lib/schemas/events";

// Reads of the event log for the debugger. Raw SQL (lib/events/sql.mjs) so that every page is one indexed
// range walk on both flavours; bench/events.mjs measures it on a million events.

/** latestId (first page only): the workspace's newest event id when the page was read, whatever the filters.
 *  A live stream resumed from max(latestId, newest id on the page) misses nothing and repeats nothing. */
export type EventPage = { events: EventDto[]; nextCursor: string | null; latestId?: string | null };

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
  const { rows, nextCursor } = await queryEventPage(getDbKind(), workspaceId, filter, page, runSql);
  const events = rows.map(toEventDto);
  return latest === undefined ? { events, nextCursor } : { events, nextCursor, latestId: latest ? String(latest.id) : null };
}

/** Events with id > `after` (and ≤ `upTo` when given), oldest first: the replay after a reconnect. */
export async function listEventsAfter(
  workspaceId: string,
  filter: EventFilter,
  page: { after: string; upTo?: string; limit: number },
): Promise<EventDto[]> {
  const { sql, params } = buildEventBacklogQuery(getDbKind(), workspaceId, filter, page);
  return (await runSql(sql, params)).map(toEventDto);
}
