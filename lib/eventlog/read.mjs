// SQL for the events API, one builder for both database flavours. Plain JavaScript so that bench/events.mjs
// times exactly the statements the API runs. Every statement starts from "workspaceId" = ? and orders by id,
// so each equality filter rides one of the Event indexes ((workspaceId,id), (workspaceId,type,id),
// (sourceId,id), (workspaceId,name,id)). Filters no index serves (userId, anonymousId, q, status, from/to) are
// bounded by a scan window: a page looks at most `window` rows below the cursor and may come back short with a
// cursor to continue from, so no request scans a million rows for a rare match.

import { EVENT_SELECT_COLUMNS, sqliteDate } from "./schema.mjs";

const INDEXED = [
  ["sourceId", "sourceId"],
  ["type", "type"],
  ["event", "name"],
];
/** Equality filters without an index (see prisma/schema.prisma: they would halve ingest throughput). */
const SCANNED = [
  ["userId", "userId"],
  ["anonymousId", "anonymousId"],
  ["status", "status"],
];

/** Rows a page with an unindexed filter examines at most (see bench/events.mjs for the cost per row). */
export const SCAN_WINDOW = 10_000;

/** Whether the filter has a condition no index serves, so a page needs a scan window. */
export function needsScanWindow(filter) {
  return (
    SCANNED.some(([key]) => filter[key] !== undefined) ||
    filter.q !== undefined ||
    filter.from !== undefined ||
    filter.to !== undefined
  );
}

function escapeLike(text) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function createBuilder(kind) {
  const params = [];
  const p = (value) => {
    params.push(value);
    return kind === "postgresql" ? `$${params.length}` : "?";
  };
  // Ids travel as decimal strings; SQLite compares integers, PostgreSQL casts the text to bigint.
  const id = (value) => (kind === "postgresql" ? `${p(value)}::bigint` : p(Number(value)));
  return { params, p, id };
}

function indexedConditions(b, workspaceId, filter) {
  const where = [`"workspaceId" = ${b.p(workspaceId)}`];
  for (const [key, column] of INDEXED) {
    if (filter[key] !== undefined) where.push(`"${column}" = ${b.p(filter[key])}`);
  }
  return where;
}

/** identity "any" with a userId: the person's calls, also the anonymous ones before they were identified. */
function isPersonFilter(filter) {
  return filter.identity === "any" && filter.userId !== undefined;
}

function scannedConditions(kind, b, filter) {
  const where = [];
  const person = isPersonFilter(filter);
  for (const [key, column] of SCANNED) {
    if (person && (key === "userId" || key === "anonymousId")) continue;
    if (filter[key] !== undefined) where.push(`"${column}" = ${b.p(filter[key])}`);
  }
  if (person) {
    const anonymousIds = [
      ...new Set([...(filter.anonymousIds ?? []), ...(filter.anonymousId ? [filter.anonymousId] : [])]),
    ];
    where.push(
      anonymousIds.length
        ? `("userId" = ${b.p(filter.userId)} OR "anonymousId" IN (${anonymousIds.map((a) => b.p(a)).join(",")}))`
        : `"userId" = ${b.p(filter.userId)}`,
    );
  }
  if (filter.q !== undefined) {
    const pattern = `%${escapeLike(filter.q)}%`;
    // SQLite's LIKE is already case-insensitive for ASCII; PostgreSQL's is not.
    where.push(
      kind === "postgresql"
        ? `lower("payload") LIKE lower(${b.p(pattern)}) ESCAPE '\\'`
        : `"payload" LIKE ${b.p(pattern)} ESCAPE '\\'`,
    );
  }
  const date = (iso) => (kind === "postgresql" ? `${b.p(iso)}::timestamp(3)` : b.p(sqliteDate(iso)));
  if (filter.from !== undefined) where.push(`"receivedAt" >= ${date(filter.from)}`);
  if (filter.to !== undefined) where.push(`"receivedAt" <= ${date(filter.to)}`);
  return where;
}

/**
 * The lowest id of the scan window: the `window`-th event of the workspace (newest first) below `before`, or no
 * row when fewer remain (then the page reaches the oldest event). Counted on the workspace alone, which is an
 * index-only walk of (workspaceId, id); the page then filters inside [floor, before) with whichever index fits.
 */
export function buildScanFloorQuery(kind, workspaceId, page) {
  const b = createBuilder(kind);
  const where = [`"workspaceId" = ${b.p(workspaceId)}`];
  if (page.before !== undefined) where.push(`"id" < ${b.id(page.before)}`);
  const sql = `SELECT "id" FROM "Event" WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT 1 OFFSET ${b.p(page.window - 1)}`;
  return { sql, params: b.params };
}

/** One page, newest first: events with floor ≤ id < before (each bound optional), at most `limit`. */
export function buildEventPageQuery(kind, workspaceId, filter, page) {
  const b = createBuilder(kind);
  const where = indexedConditions(b, workspaceId, filter);
  if (page.before !== undefined) where.push(`"id" < ${b.id(page.before)}`);
  if (page.floor !== undefined) where.push(`"id" >= ${b.id(page.floor)}`);
  where.push(...scannedConditions(kind, b, filter));
  const sql = `SELECT ${EVENT_SELECT_COLUMNS} FROM "Event" WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT ${b.p(page.limit)}`;
  return { sql, params: b.params };
}

/** The replay after a reconnect: events with after < id ≤ upTo (when given), oldest first, at most `limit`. */
export function buildEventBacklogQuery(kind, workspaceId, filter, page) {
  const b = createBuilder(kind);
  const where = indexedConditions(b, workspaceId, filter);
  where.push(`"id" > ${b.id(page.after)}`);
  if (page.upTo !== undefined) where.push(`"id" <= ${b.id(page.upTo)}`);
  where.push(...scannedConditions(kind, b, filter));
  const sql = `SELECT ${EVENT_SELECT_COLUMNS} FROM "Event" WHERE ${where.join(" AND ")} ORDER BY "id" ASC LIMIT ${b.p(page.limit)}`;
  return { sql, params: b.params };
}

/**
 * Runs one page: the scan floor first when the filter needs a window, then the page (one row more than
 * `limit`, to know whether more follow). `run(sql, params)` executes a statement and returns its rows.
 * nextCursor: pass it as `before` for the next page; null when nothing older is left.
 */
export async function queryEventPage(kind, workspaceId, filter, page, run) {
  let floor;
  if (needsScanWindow(filter)) {
    const q = buildScanFloorQuery(kind, workspaceId, { before: page.before, window: page.window ?? SCAN_WINDOW });
    const rows = await run(q.sql, q.params);
    floor = rows[0] ? String(rows[0].id) : undefined;
  }
  const q = buildEventPageQuery(kind, workspaceId, filter, { before: page.before, floor, limit: page.limit + 1 });
  const rows = await run(q.sql, q.params);
  if (rows.length > page.limit) {
    rows.length = page.limit;
    return { rows, nextCursor: String(rows[page.limit - 1].id) };
  }
  return { rows, nextCursor: floor ?? null };
}
