import type { EventRow } from "./types";

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
