import type { EventRow } from "./types";

// What both engines share about writing the Event table (its columns are in schema.mjs): each row's values,
// and matching RETURNING rows back to the input.
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

/**
 * Pushes the row's column values in table order (schema.mjs's EVENT_COLUMNS) onto `into`, safe to bind on either engine (receivedAt
 * formatted by `date`, which sees the same Date object for every row of a request: see `formatOnce`).
 */
export function pushColumnValues(into: unknown[], r: EventRow, date: (d: Date) => string): void {
  const payload = r.payload.includes("\u0000") ? r.payload.replaceAll("\u0000", "\uFFFD") : r.payload;
  into.push(
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
    r.reasonCode ?? null,
  );
}

/** `format`, remembering its last answer for the same Date object: the rows of one request share one receivedAt
 *  Date, a page of delivery outcomes its now and its performs' starts. */
export function formatOnce(format: (d: Date) => string): (d: Date) => string {
  let last: Date | undefined;
  let text = "";
  return (d) => {
    if (d !== last) {
      text = format(d);
      last = d;
    }
    return text;
  };
}

/** A row's identity in the log: duplicates of a stored (sourceId, messageId) are not inserted. */
export function rowKey(r: { sourceId: string; messageId: string }): string {
  return `${r.sourceId}\u0000${r.messageId}`;
}

/** Turns RETURNING rows (only the inserted ones) into each input row's id, in row order (0: a duplicate). */
export function idsInRowOrder(
  chunk: EventRow[],
  returned: { id: number | string; messageId: string; sourceId: string }[],
) {
  const ids: (number | string)[] = new Array(chunk.length).fill(0);
  if (returned.length === 0) return ids;
  const byKey = new Map<string, number>();
  chunk.forEach((r, i) => {
    const key = rowKey({ sourceId: r.sourceId, messageId: column(r.messageId) });
    if (!byKey.has(key)) byKey.set(key, i); // the first of two duplicates in one statement is the one stored
  });
  for (const ret of returned) {
    const i = byKey.get(rowKey(ret));
    if (i !== undefined) ids[i] = ret.id;
  }
  return ids;
}
