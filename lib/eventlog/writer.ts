import type { EventLogBackend, EventRow, PruneRequest, StoredEvent } from "./types";

// Group commit: appends arriving within `maxDelayMs` (0: the same event-loop turn) share one transaction,
// so durability costs one fsync per group instead of one per request. Every caller resolves only after the
// commit that holds its rows. If a group's transaction fails, nothing of it is stored and each caller is
// retried alone, so one bad row fails only its own request. One group is written at a time; the next one
// collects while the current one commits.

export interface GroupCommitOptions {
  maxDelayMs: number;
  maxRows: number;
  /** Keep at most this many rejected rows per source (oldest deleted in the same transaction). */
  rejectedCap: number;
  /** Pruning scans a source's recent rows, so it runs once per this many rejected rows, not per commit. */
  pruneEvery: number;
}

export interface WriterStats {
  transactions: number;
  rowsWritten: number;
  rowsInserted: number;
}

interface Pending {
  rows: EventRow[];
  resolve: (stored: StoredEvent[]) => void;
  reject: (err: unknown) => void;
}

export class GroupCommitWriter {
  readonly stats: WriterStats = { transactions: 0, rowsWritten: 0, rowsInserted: 0 };
  private queue: Pending[] = [];
  private queuedRows = 0;
  private scheduled = false;
  private writing = false;
  private rejectedSincePrune = new Map<string, number>();

  constructor(
    private readonly backend: EventLogBackend,
    private readonly options: GroupCommitOptions,
    private readonly onStored: (events: StoredEvent[]) => void,
  ) {}

  append(rows: EventRow[]): Promise<StoredEvent[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queuedRows += rows.length;
      this.flushSoon(this.queuedRows >= this.options.maxRows ? 0 : this.options.maxDelayMs);
    });
  }

  private flushSoon(delay: number) {
    if (this.writing || this.scheduled) return; // a running group re-arms when it finishes
    this.scheduled = true;
    // Delay 0: write after the current turn of the event loop, so every request parsed in this turn (and,
    // on SQLite, every request that arrived while the previous commit blocked) shares the transaction.
    if (delay <= 0) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), delay);
  }

  private async flush() {
    this.scheduled = false;
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const group = this.queue;
    this.queue = [];
    this.queuedRows = 0;
    const rows = group.length === 1 ? group[0].rows : group.flatMap((p) => p.rows);
    try {
      const ids = await this.backend.write(rows, this.prunesFor(rows));
      this.stats.transactions++;
      this.stats.rowsWritten += rows.length;
      const stored = settle(group, ids);
      this.stats.rowsInserted += stored.length;
      if (stored.length) this.publish(stored);
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else await this.writeEachAlone(group);
    } finally {
      this.writing = false;
      // Whatever queued meanwhile has already waited a whole commit: hand it to the backend now, before this
      // turn answers the group just written. (A setImmediate would first run every request that arrived
      // meanwhile — milliseconds each for a batch — while the writer, on SQLite a thread of its own, sat idle.)
      if (this.queue.length) void this.flush();
    }
  }

  /**
   * After a failed group, each caller gets its own transaction: a row that the database refuses then fails
   * only its own request, instead of every request that happened to share its commit.
   */
  private async writeEachAlone(group: Pending[]) {
    for (const p of group) {
      try {
        const ids = await this.backend.write(p.rows, []);
        this.stats.transactions++;
        this.stats.rowsWritten += p.rows.length;
        const stored = settle([p], ids);
        this.stats.rowsInserted += stored.length;
        if (stored.length) this.publish(stored);
      } catch (err) {
        p.reject(err);
      }
    }
  }

  private publish(stored: StoredEvent[]) {
    try {
      this.onStored(stored);
    } catch (err) {
      console.error("[sluice] event log subscriber failed:", err);
    }
  }

  private prunesFor(rows: EventRow[]): PruneRequest[] {
    const due = new Set<string>();
    for (const r of rows) {
      if (r.status !== "rejected") continue;
      const n = (this.rejectedSincePrune.get(r.sourceId) ?? 0) + 1;
      this.rejectedSincePrune.set(r.sourceId, n);
      if (n >= this.options.pruneEvery) due.add(r.sourceId);
    }
    for (const sourceId of due) this.rejectedSincePrune.set(sourceId, 0);
    return [...due].map((sourceId) => ({ sourceId, keep: this.options.rejectedCap }));
  }

  /** Waits until everything appended so far is written (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.writing) await new Promise((r) => setTimeout(r, 1));
  }
}

/**
 * Hands each caller the stored rows that came from its own append (`ids` is in the group's row order, 0 for a
 * duplicate: the first of duplicates wins, as in SQL); answers all stored rows.
 */
function settle(group: Pending[], ids: ArrayLike<number | string>): StoredEvent[] {
  const all: StoredEvent[] = [];
  let at = 0;
  for (const p of group) {
    const mine: StoredEvent[] = [];
    for (const r of p.rows) {
      const id = ids[at++];
      if (!id) continue;
      // The row becomes its StoredEvent (no copy per event): a row is appended once, and a duplicate is not stored.
      const stored = r as StoredEvent;
      stored.id = String(id);
      mine.push(stored);
    }
    p.resolve(mine);
    for (const s of mine) all.push(s);
  }
  return all;
}
