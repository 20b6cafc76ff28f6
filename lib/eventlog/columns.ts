import type { EventRow, StoredEvent } from "./types";

// What both engines (and the SQLite worker) share about the Event table: the column list, each row's values,
// and matching RETURNING rows back to the input.

/** The Event columns that an insert binds, in the order columnValues() returns them. */
export const EVENT_COLUMNS = `"workspaceId","sourceId","messageId","type","name","userId","anonymousId","payload","receivedAt","status","reason"`;
export const EVENT_WIDTH = 11;
/** Ends every multi-row insert: duplicates are skipped, and only the inserted rows come back. */
export const EVENT_INSERT_TAIL = ` ON CONFLICT ("sourceId","messageId") DO NOTHING RETURNING "id","messageId","sourceId"`;

// Column values come from clients. Two things would make a whole group commit fail (every caller 5xx, and
// the client retrying the same poison forever): a NUL character (PostgreSQL TEXT refuses it) and a value
// too long for a B-tree index entry (PostgreSQL: about 2.7 KB, for the name/userId/anonymousId indexes).
// The payload keeps the full values; the indexed columns hold at most this many characters.
const MAX_COLUMN_CHARS = 500;

function column(value: string): string;
function column(value: string | null): string | null;
function column(value: string | null): string | null {
  if (value === null) return null;
  const clean = value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
  return clean.length > MAX_COLUMN_CHARS ? clean.slice(0, MAX_COLUMN_CHARS) : clean;
}

/** The row's 11 column values in table order, safe to bind on either engine (receivedAt formatted by `date`). */
export function columnValues(r: EventRow, date: (d: Date) => string): unknown[] {
  const payload = r.payload.includes("\u0000") ? r.payload.replaceAll("\u0000", "\uFFFD") : r.payload;
  return [
    r.workspaceId,
    r.sourceId,
    column(r.messageId),
    column(r.type),
    column(r.name),
    column(r.userId),
    column(r.anonymousId),
    payload,
    date(r.receivedAt),
    r.status,
    r.reason === null ? null : column(r.reason),
  ];
}

/** A row's identity in the log: duplicates of a stored (sourceId, messageId) are not inserted. */
export function rowKey(r: { sourceId: string; messageId: string }): string {
  return `${r.sourceId}\u0000${r.messageId}`;
}

/** Matches RETURNING rows (only the inserted ones) back to the input rows by (sourceId, messageId). */
export function collectInserted(
  chunk: EventRow[],
  returned: { id: number | string; messageId: string; sourceId: string }[],
  into: StoredEvent[],
) {
  if (returned.length === 0) return;
  const byKey = new Map<string, EventRow>();
  for (const r of chunk) {
    const key = rowKey(r);
    if (!byKey.has(key)) byKey.set(key, r); // the first of two duplicates in one statement is the one stored
  }
  for (const ret of returned) {
    const row = byKey.get(rowKey(ret));
    if (row) into.push({ ...row, id: String(ret.id) });
  }
}
