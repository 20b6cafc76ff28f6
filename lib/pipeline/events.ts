import "server-only";
import { readBigInt, readDate, Sql } from "./sql";

// The worker's reads of the event log (not the debugger's filter-shaped reader). On PostgreSQL every event
// commit holds one advisory lock (lib/eventlog/postgres.ts), so once an id is visible every lower id is
// committed or never will be: reading up to max(id) — never past it — cannot skip an event that commits later.
// On SQLite there is a single writer, so the same holds.

export interface LoggedEvent {
  id: bigint;
  workspaceId: string;
  sourceId: string;
  payload: string;
  receivedAt: Date;
}

type Row = { id: unknown; workspaceId: string; sourceId: string; payload: string; receivedAt: unknown };

/** The newest event id visible now (0 when the log is empty): readers read up to it and no further. */
export async function newestVisibleEventId(): Promise<bigint> {
  const rows = await new Sql().query<{ max: unknown }>(`SELECT max("id") AS "max" FROM "Event"`);
  return rows[0]?.max === null || rows[0]?.max === undefined ? 0n : readBigInt(rows[0].max);
}

/**
 * Accepted events with `after` < id ≤ `upTo`, in id order, at most `limit`; across workspaces, or only those of
 * `sourceIds` (a destination's connected sources; an empty list reads nothing).
 */
export async function readEventsAfter(
  after: bigint,
  limit: number,
  options: { upTo: bigint; sourceIds?: string[] },
): Promise<LoggedEvent[]> {
  if (options.sourceIds?.length === 0 || options.upTo <= after) return [];
  const q = new Sql();
  return (await q.query<Row>(eventsAfterSql(q, after, limit, options))).map(toEvent);
}

/** What a runner's freshness check reads (config.ts's destinationState). */
export interface DestinationState {
  version: number;
  /** The cursor's position while `owner` holds the lease; null: another worker took it. */
  position: bigint | null;
}

/**
 * readEventsAfter and destinationState in one query — one snapshot, and one round trip instead of two for every
 * page under load. `state` is null when the destination no longer exists (then there are no events either).
 */
export async function readEventsWithState(
  owner: string,
  destinationId: string,
  after: bigint,
  limit: number,
  options: { upTo: bigint; sourceIds: string[] },
): Promise<{ state: DestinationState | null; events: LoggedEvent[] }> {
  const q = new Sql();
  const state = `SELECT d."configVersion", c."position" FROM "Destination" d
     LEFT JOIN "DeliveryCursor" c ON c."destinationId" = d."id" AND c."leaseOwner" = ${q.v(owner)}
     WHERE d."id" = ${q.v(destinationId)}`;
  const events =
    options.sourceIds.length === 0 || options.upTo <= after
      ? `SELECT "id","workspaceId","sourceId","payload","receivedAt" FROM "Event" WHERE 1 = 0`
      : eventsAfterSql(q, after, limit, options);
  const rows = await q.query<Row & { configVersion: unknown; position: unknown }>(
    `SELECT s."configVersion", s."position", e.* FROM (${state}) s LEFT JOIN (${events}) e ON 1 = 1 ORDER BY e."id"`,
  );
  const [first] = rows;
  if (!first) return { state: null, events: [] };
  return {
    state: {
      version: Number(first.configVersion),
      position: first.position === null ? null : readBigInt(first.position),
    },
    events: first.id === null ? [] : rows.map(toEvent),
  };
}

function eventsAfterSql(q: Sql, after: bigint, limit: number, options: { upTo: bigint; sourceIds?: string[] }) {
  const sources = options.sourceIds ? ` AND "sourceId" IN (${q.list(options.sourceIds)})` : "";
  return `SELECT "id","workspaceId","sourceId","payload","receivedAt" FROM "Event"
     WHERE "id" > ${q.v(after, "bigint")} AND "id" <= ${q.v(options.upTo, "bigint")} AND "status" = 'accepted'${sources}
     ORDER BY "id" LIMIT ${q.v(limit, "int")}`;
}

function toEvent(r: Row): LoggedEvent {
  return {
    id: readBigInt(r.id),
    workspaceId: r.workspaceId,
    sourceId: r.sourceId,
    payload: r.payload,
    receivedAt: readDate(r.receivedAt),
  };
}

/** The newest event id of the workspace received at or before `at`: where a destination created then starts. */
export async function newestEventIdAt(workspaceId: string, at: Date): Promise<bigint> {
  const q = new Sql();
  const rows = await q.query<{ max: unknown }>(
    `SELECT max("id") AS "max" FROM "Event" WHERE "workspaceId" = ${q.v(workspaceId)} AND "receivedAt" <= ${q.v(at, "ts")}`,
  );
  return rows[0]?.max === null || rows[0]?.max === undefined ? 0n : readBigInt(rows[0].max);
}

/** Ids of the accepted events of `sourceIds` received in [from, to]: the id range and count a replay covers. */
export async function eventRangeOf(
  workspaceId: string,
  sourceIds: string[],
  from: Date,
  to: Date,
): Promise<{ firstId: bigint; lastId: bigint; total: number }> {
  if (sourceIds.length === 0) return { firstId: 0n, lastId: 0n, total: 0 };
  const q = new Sql();
  const rows = await q.query<{ first: unknown; last: unknown; total: unknown }>(
    `SELECT min("id") AS "first", max("id") AS "last", count(*) AS "total" FROM "Event"
     WHERE "workspaceId" = ${q.v(workspaceId)} AND "sourceId" IN (${q.list(sourceIds)}) AND "status" = 'accepted'
       AND "receivedAt" >= ${q.v(from, "ts")} AND "receivedAt" <= ${q.v(to, "ts")}`,
  );
  const row = rows[0];
  if (!row || row.first === null) return { firstId: 0n, lastId: 0n, total: 0 };
  return { firstId: readBigInt(row.first), lastId: readBigInt(row.last), total: Number(row.total) };
}

/** The sources with accepted events in (after, upTo]: which destinations have something new. */
export async function sourcesWithEventsBetween(after: bigint, upTo: bigint): Promise<Set<string>> {
  const q = new Sql();
  const rows = await q.query<{ sourceId: string }>(
    `SELECT DISTINCT "sourceId" FROM "Event" WHERE "id" > ${q.v(after, "bigint")} AND "id" <= ${q.v(upTo, "bigint")}
     AND "status" = 'accepted'`,
  );
  return new Set(rows.map((r) => r.sourceId));
}
