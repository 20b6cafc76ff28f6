import type { EventStatus } from "@/lib/schemas/events";

// The event log's row shapes, shared by both database backends and the group-commit writer.

/** One call to store: accepted (enriched payload) or rejected (raw text and the reason). */
export interface EventRow {
  workspaceId: string;
  sourceId: string;
  messageId: string;
  type: string;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** JSON text as stored: the enriched call, or the raw text of a rejected one. */
  payload: string;
  receivedAt: Date;
  status: EventStatus;
  reason: string | null;
  /** The rejection's stable code (lib/ingest/reason-codes.ts); absent or null for accepted calls. */
  reasonCode?: string | null;
}

/** A row that this append actually inserted (duplicates of an already stored messageId are not). */
export interface StoredEvent extends EventRow {
  id: string;
}

/** One database engine's way of writing a group of rows in one transaction. */
export interface EventLogBackend {
  /**
   * Inserts the rows in one transaction, skipping (sourceId, messageId) duplicates (the first of two in one
   * group is the one stored); answers each row's new id, in row order, or 0 where the row was a duplicate.
   */
  write(rows: EventRow[], prune: PruneRequest[]): Promise<ArrayLike<number | string>>;
  /** SQLite: runs one statement (`?` placeholders) in its own transaction on the event log's connection, off the
   *  event loop where the backend has a worker thread. */
  run?(sql: string, params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** Delete the oldest rejected rows of a source beyond `keep`. */
export interface PruneRequest {
  sourceId: string;
  keep: number;
}
