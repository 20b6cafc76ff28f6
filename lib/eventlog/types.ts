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
}

/** A row that this append actually inserted (duplicates of an already stored messageId are not). */
export interface StoredEvent extends EventRow {
  id: string;
}

/** One database engine's way of writing a group of rows in one transaction. */
export interface EventLogBackend {
  /** Inserts the rows in one transaction, skipping (sourceId, messageId) duplicates; returns the inserted ones. */
  write(rows: EventRow[], prune: PruneRequest[]): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** Delete the oldest rejected rows of a source beyond `keep`. */
export interface PruneRequest {
  sourceId: string;
  keep: number;
}
