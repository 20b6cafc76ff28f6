import "server-only";
import { isPostgresUrl, sqlitePath } from "@/lib/db/migrate.mjs";
import {
  publishEvents,
  subscribedWorkspaces,
  subscribeToEventBatches as subscribeBatches,
  subscribeToEvents as subscribe,
} from "./bus";
import { startPostgresTail } from "./pg-tail";
import { createPostgresBackend, newestEventId } from "./postgres";
import { createSqliteBackend } from "./sqlite";
import { createSqliteWorkerBackend } from "./sqlite-worker";
import type { EventRow, StoredEvent } from "./types";
import { GroupCommitWriter, type GroupCommitOptions } from "./writer";
import { env } from "@/lib/env";

// The event log: appendEvents(rows) resolves once the rows are committed durably (group commit), with the
// rows it actually inserted (duplicates of a stored (sourceId, messageId) are skipped). It rejects when the
// group's transaction failed; then nothing of the caller's rows was stored.
// Backends: PostgreSQL when DATABASE_URL is postgres://, else SQLite on a worker thread, so the commit's
// fsync does not block the event loop (measured: +50 % events/s and a third of the p99 on 100-event
// batches); SLUICE_EVENTLOG_SQLITE_WORKER=0 writes on the main thread instead.

export type { EventRow, StoredEvent } from "./types";

const DEFAULTS: GroupCommitOptions = {
  // How long a group collects before its commit. 1 ms adds little latency and lets a burst that arrives
  // while the event loop is busy share one fsync; 0 commits after the current event-loop turn.
  maxDelayMs: commitDelayMs(),
  maxRows: 2000,
  rejectedCap: 1000,
  pruneEvery: 50,
};

function commitDelayMs(): number {
  const ms = Number(process.env.SLUICE_EVENTLOG_COMMIT_DELAY_MS ?? 1);
  return Number.isFinite(ms) && ms >= 0 ? ms : 1;
}

interface EventLogState {
  url: string;
  writer: GroupCommitWriter;
  /** SQLite only: one statement on the event log's own connection (its worker thread). */
  run?: (sql: string, params: unknown[]) => Promise<void>;
  /** The live bus misses nothing committed after this resolves (see liveEventsReady). */
  ready: Promise<void>;
  close: () => Promise<void>;
}

// On globalThis: one writer per process, however many bundles include this module.
const holder = globalThis as unknown as { sluiceEventLog?: EventLogState };

function getEventLog(): EventLogState {
  const url = env.databaseUrl;
  if (holder.sluiceEventLog?.url === url) return holder.sluiceEventLog;
  if (isPostgresUrl(url)) {
    const backend = createPostgresBackend(url);
    const tail = startPostgresTail(url, { subscribedWorkspaces, publish: publishEvents });
    const writer = new GroupCommitWriter(backend, DEFAULTS, (stored) => tail.committed(newestEventId(stored)));
    const close = () => Promise.all([backend.close(), tail.close()]).then(() => undefined);
    holder.sluiceEventLog = { url, writer, ready: tail.ready, close };
  } else {
    const backend =
      process.env.SLUICE_EVENTLOG_SQLITE_WORKER === "0"
        ? createSqliteBackend(sqlitePath(url))
        : createSqliteWorkerBackend(sqlitePath(url));
    const writer = new GroupCommitWriter(backend, DEFAULTS, publishEvents);
    const run = backend.run?.bind(backend);
    holder.sluiceEventLog = { url, writer, run, ready: Promise.resolve(), close: () => backend.close() };
  }
  return holder.sluiceEventLog;
}

/** Subscribes to newly stored events of one workspace, or of all (this process's and, on PostgreSQL, every
 *  process's); returns the unsubscribe. Await liveEventsReady() before reading the database for what came before. */
export function subscribeToEvents(listener: (event: StoredEvent) => void, workspaceId?: string): () => void {
  getEventLog();
  return subscribe(listener, workspaceId);
}

/** Subscribes to each commit's newly stored events (this process's and, on PostgreSQL, every process's) as one
 *  array in id order; returns the unsubscribe. */
export function subscribeToEventBatches(listener: (events: readonly StoredEvent[]) => void): () => void {
  getEventLog();
  return subscribeBatches(listener);
}

/** Resolves once every event committed from now on reaches subscribers (on PostgreSQL: the tail's start). */
export function liveEventsReady(): Promise<void> {
  return getEventLog().ready;
}

export function appendEvents(rows: EventRow[]): Promise<StoredEvent[]> {
  // The hot path skips re-reading DATABASE_URL once a writer exists; closeEventLog() resets it.
  return (holder.sluiceEventLog ?? getEventLog()).writer.append(rows);
}

/**
 * SQLite: runs one small write (`?` placeholders) on the event log's connection, in its own transaction and on
 * its worker thread — unlike a Prisma write on SQLite, which blocks the event loop for its commit's fsync.
 * Undefined on PostgreSQL (whose client does not block: use Prisma there).
 */
export function runOnEventLog(): ((sql: string, params: unknown[]) => Promise<void>) | undefined {
  return getEventLog().run;
}

/** Counters of the current writer (transactions, rows): used by tests and the benchmark. */
export function getEventLogStats() {
  return { ...getEventLog().writer.stats };
}

/** Writes what is queued, then closes the database connection (tests, graceful shutdown). */
export async function closeEventLog(): Promise<void> {
  const state = holder.sluiceEventLog;
  if (!state) return;
  holder.sluiceEventLog = undefined;
  await state.writer.drain();
  await state.close();
}
