// @ts-check
// The Event table as raw SQL sees it: the one home of its column list, the SQLite date format and the prune of a
// source's oldest rejected rows. Plain JavaScript, so that the SQLite writer thread (sqlite-thread.mjs, run by
// Node outside Next's bundle), the debugger's SQL (lib/eventlog/read.mjs, also timed by bench/events.mjs) and the
// TypeScript modules share it.

/** The columns an insert binds, in table order (every column but the id). */
export const EVENT_COLUMNS = /** @type {const} */ ([
  "workspaceId",
  "sourceId",
  "messageId",
  "type",
  "name",
  "userId",
  "anonymousId",
  "payload",
  "receivedAt",
  "status",
  "reason",
  "reasonCode",
]);
export const EVENT_WIDTH = EVENT_COLUMNS.length;

/** `"workspaceId","sourceId",…`: an insert's column list. */
export const EVENT_INSERT_COLUMNS = EVENT_COLUMNS.map((c) => `"${c}"`).join(",");

/** @param {string} receivedAt */
const selectList = (receivedAt) =>
  ['"id"', ...EVENT_COLUMNS.map((c) => (c === "receivedAt" ? receivedAt : `"${c}"`))].join(",");

/** Every column, id first: a read's column list (Prisma reads receivedAt right on both engines). */
export const EVENT_SELECT_COLUMNS = selectList(`"receivedAt"`);

/** The same for node-postgres, which takes a timestamp without time zone (Prisma's, holding UTC) for local time. */
export const EVENT_SELECT_COLUMNS_PG_UTC = selectList(`("receivedAt" AT TIME ZONE 'UTC') AS "receivedAt"`);

/**
 * A time as SQLite stores Prisma DateTimes: ISO-8601 with an explicit offset. Raw writes and comparisons must
 * use the same text.
 * @param {Date | string | number} time
 */
export function sqliteDate(time) {
  return (time instanceof Date ? time : new Date(time)).toISOString().replace("Z", "+00:00");
}

/**
 * Deletes the oldest rejected rows of a source beyond the newest `keep`. Parameters: (sourceId, keep) on
 * PostgreSQL; (sourceId, sourceId, keep) on SQLite, whose driver binds `?` by position only.
 * @param {"postgresql" | "sqlite"} kind
 */
export function pruneRejectedSql(kind) {
  const [source, keep] = kind === "postgresql" ? ["$1", "$2"] : ["?", "?"];
  return `DELETE FROM "Event" WHERE "sourceId" = ${source} AND "status" = 'rejected' AND "id" <= (
  SELECT "id" FROM "Event" WHERE "sourceId" = ${source} AND "status" = 'rejected' ORDER BY "id" DESC LIMIT 1 OFFSET ${keep})`;
}
