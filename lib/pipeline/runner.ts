import "server-only";
import { destinationState, loadDestinationConfig, type DestinationConfig } from "./config";
import { readEventsAfter, readEventsWithState, type DestinationState, type LoggedEvent } from "./events";
import { heldPosition } from "./leases";
import { RateLimiter, Semaphore } from "./limits";
import { LeaseLostError, recordPage } from "./outcomes";
import { processEvents } from "./page";
import type { PerformFn } from "./perform";
import { replayStep, retryStep } from "./steps";

// One destination's delivery loop, run by the worker holding its lease: due retries, then a page of its
// replay job, then a page of new events past its cursor — each page's outcomes written with the cursor's
// advance under the lease. Woken by new events; otherwise it sleeps until its next retry is due.
// A page of new events is written while the next one is read and performed (one write in flight at most, each
// after the one before): a failed write sends the runner back to the stored cursor, so the pages after it are
// performed again — at-least-once, and the cursor still moves only with its page's outcomes, under the lease.
// New events are delivered with a configuration confirmed current after they were received (by the query that
// reads them, under load), so an action, connection or setting saved before a call was sent applies to it.

const CONFIG_TTL_MS = 2000;
const IDLE_CURSOR_WRITE_MS = 5000;
/** The longest a runner sleeps without being woken (new events, due retries and replays wake it). */
const IDLE_MS = 15_000;

export interface RunnerDeps {
  owner: string;
  perform: PerformFn;
  pageSize: number;
  /** The newest committed event id the worker knows of: pages read up to it, never past it. */
  newestEventId: () => bigint;
  /** When (performance.now()) the worker first saw that id: every event up to it was received before. */
  newestEventSeenAt: () => number;
}

export class DestinationRunner {
  private stopping = false;
  private readonly abort = new AbortController();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private config: DestinationConfig | null = null;
  /** When (performance.now(), taken before the query) the configuration was last confirmed current; 0: unknown. */
  private checkedAt = 0;
  private position: bigint | null = null;
  private lastCursorWrite = 0;
  /** The previous page's write, if it may still be running; it never rejects (its error is kept below). */
  private writing: Promise<void> | null = null;
  private writeError: unknown = null;
  // When to look for due retries / a replay job next. The worker's scan (every few seconds, one query for all its
  // destinations) brings them forward; the runner itself only knows the retries it scheduled.
  private retryCheckAt = 0;
  private replayCheckAt = 0;
  private batchDueAt = Infinity;
  private readonly semaphore = new Semaphore(10);
  private readonly rateLimiter = new RateLimiter(0);
  readonly done: Promise<void>;
  /** Set when the loop ended because another worker holds the lease now. */
  lostLease = false;

  constructor(
    readonly destinationId: string,
    private readonly deps: RunnerDeps,
  ) {
    this.done = this.loop();
  }

  /** Whether new events of these sources concern it (yes until its configuration is loaded). */
  listensTo(sources: Set<string>): boolean {
    // A configuration not confirmed for a while may miss a newly connected source: wake to find out.
    if (!this.config || performance.now() - this.checkedAt > IDLE_MS) return true;
    return this.config.sourceIds.some((s) => sources.has(s));
  }

  /** From the worker's scan: a parked delivery is due at `retryAt`, a replay job is running, the stored
   *  configVersion (a changed one is reloaded at once: a newly connected source's events then wake it). */
  schedule(retryAt: Date | undefined, hasReplay: boolean, version: number | undefined) {
    if (retryAt) this.retryCheckAt = Math.min(this.retryCheckAt, retryAt.getTime());
    if (hasReplay) this.replayCheckAt = 0;
    const changed = this.config !== null && version !== undefined && version !== this.config.version;
    if (changed) this.checkedAt = 0;
    if (this.retryCheckAt <= Date.now() || hasReplay || changed) this.wake();
  }

  /** Whether it sleeps with nothing in flight (stopping it then takes no time). */
  get isIdle(): boolean {
    return this.wakeUp !== null;
  }

  wake() {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops after the page in flight; aborts its performs (performed again by the next holder) after graceMs. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    const timer = setTimeout(() => this.abort.abort(), graceMs);
    await this.done;
    clearTimeout(timer);
  }

  private readonly ctx = (replayId: string | null) => {
    const { semaphore, rateLimiter } = this;
    return { perform: this.deps.perform, semaphore, rateLimiter, signal: this.abort.signal, replayId };
  };

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!(await this.step())) {
          await this.settleWrite();
          await this.sleep(this.idleMs());
        }
      } catch (err) {
        if (err instanceof LeaseLostError) {
          this.lostLease = true;
          return;
        }
        console.error(`[sluice] delivery for destination ${this.destinationId} failed (retrying):`, err);
        await this.sleep(1000);
      }
    }
    try {
      await this.settleWrite();
    } catch (err) {
      if (err instanceof LeaseLostError) this.lostLease = true;
      else console.error(`[sluice] delivery for destination ${this.destinationId} failed at stop:`, err);
    }
  }

  /** Waits for the page being written; when its write failed, throws its error and goes back to the stored
   *  cursor (the pages read past it are read and performed again). */
  private async settleWrite(): Promise<void> {
    if (this.writing) await this.writing;
    this.writing = null;
    const err = this.writeError;
    if (err === null) return;
    this.writeError = null;
    this.position = null;
    throw err;
  }

  private idleMs(): number {
    const next = Math.min(this.retryCheckAt, this.replayCheckAt, this.batchDueAt, Date.now() + IDLE_MS);
    return Math.max(10, next - Date.now());
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** The configuration, confirmed current within CONFIG_TTL_MS (one small query), reloaded when it changed. */
  private async loadConfig(): Promise<DestinationConfig | null> {
    if (this.config && performance.now() - this.checkedAt < CONFIG_TTL_MS) return this.config;
    if (await this.confirmConfig()) return this.config;
    const loadedAt = performance.now();
    this.config = await loadDestinationConfig(this.destinationId);
    this.checkedAt = loadedAt;
    if (this.config) {
      this.semaphore.setLimit(this.config.options.concurrency);
      this.rateLimiter.setRate(this.config.options.rateLimitPerSec);
    }
    return this.config;
  }

  /** Whether the loaded configuration is still the stored one (one small query). */
  private async confirmConfig(): Promise<boolean> {
    const checkedAt = performance.now();
    return this.applyState(await destinationState(this.deps.owner, this.destinationId), checkedAt);
  }

  /** Whether a freshness check read at `checkedAt` found the loaded configuration current. On the way it notices
   *  a lost lease and follows the cursor when "start from now" (the resume API) moved it ahead of this runner. */
  private applyState(state: DestinationState | null, checkedAt: number): boolean {
    if (!state) return false; // deleted: the reload finds nothing
    if (state.position === null) throw new LeaseLostError(this.destinationId);
    if (this.position !== null && state.position > this.position) this.position = state.position;
    if (!this.config || state.version !== this.config.version) return false;
    this.checkedAt = checkedAt;
    return true;
  }

  /** One round; true when it did something (then the loop goes on at once). */
  private async step(): Promise<boolean> {
    const cfg = await this.loadConfig();
    if (!cfg || !cfg.enabled) return false; // the worker releases it at its next lease round
    let worked = await this.retryDue(cfg);
    if (this.stopping) return worked;
    worked = (await this.replayPage(cfg)) || worked;
    if (this.stopping) return worked;
    return (await this.newEvents(cfg)) || worked;
  }

  private async newEvents(cfg: DestinationConfig): Promise<boolean> {
    const owner = this.deps.owner;
    if (this.position === null) {
      this.position = await heldPosition(owner, cfg.id);
      if (this.position === null) throw new LeaseLostError(cfg.id);
    }
    const after = this.position;
    const upTo = this.deps.newestEventId();
    if (upTo <= after) return false;
    const read = { upTo, sourceIds: cfg.sourceIds };
    let events: LoggedEvent[];
    if (this.checkedAt < this.deps.newestEventSeenAt()) {
      // The configuration is confirmed by the query that reads the events.
      const checkedAt = performance.now();
      const page = await readEventsWithState(owner, cfg.id, after, this.deps.pageSize, read);
      if (!this.applyState(page.state, checkedAt)) {
        this.checkedAt = 0;
        return true; // changed since these events were received: the next step reloads it and reads them again
      }
      if (this.position !== after) return true; // "start from now" moved the cursor: read from there
      events = page.events;
    } else {
      events = await readEventsAfter(after, this.deps.pageSize, read);
    }
    const full = events.length === this.deps.pageSize;
    const position = full ? events[events.length - 1]!.id : upTo;
    if (events.length === 0) {
      // Nothing of its sources up to upTo: move on in memory at once, and write the cursor now and then (a
      // crash before that only re-reads a stretch without its events).
      this.position = position;
      if (Date.now() - this.lastCursorWrite < IDLE_CURSOR_WRITE_MS) return false;
    } else if (!full && this.waitForBatch(cfg, events[0]!.receivedAt, events.length)) {
      return false;
    }
    this.batchDueAt = Infinity;
    const page = events.length ? await processEvents(cfg, events, this.ctx(null)) : { outcomes: [], filtered: [] };
    if (!page) return false; // aborted by shutdown: the next holder performs these again
    await this.settleWrite(); // the page before, first: pages are written in order
    this.position = position;
    this.lastCursorWrite = Date.now();
    this.writing = recordPage({ owner, destinationId: cfg.id, position }, page.outcomes, page.filtered).then(
      () => this.noteRetries(page.outcomes),
      (err: unknown) => void (this.writeError = err),
    );
    return events.length > 0;
  }

  /** Whether a partial page should wait for more events to fill batches (until the oldest waited long enough). */
  private waitForBatch(cfg: DestinationConfig, oldest: Date, count: number): boolean {
    const batching = cfg.actions.filter((a) => a.enabled && a.batching);
    if (batching.length === 0) return false;
    const size = Math.min(...batching.map((a) => a.batchSize));
    const waitMs = Math.min(...batching.map((a) => a.batchWaitMs));
    const due = oldest.getTime() + waitMs;
    if (count >= size || Date.now() >= due) return false;
    this.batchDueAt = due; // wake up by then
    return true;
  }

  private noteRetries(outcomes: { nextAttemptAt: Date | null }[]) {
    for (const o of outcomes)
      if (o.nextAttemptAt) this.retryCheckAt = Math.min(this.retryCheckAt, o.nextAttemptAt.getTime());
  }

  private async retryDue(cfg: DestinationConfig): Promise<boolean> {
    const now = Date.now();
    if (now < this.retryCheckAt) return false;
    await this.settleWrite(); // its deliveries may have been parked by the page being written
    const result = await retryStep(cfg, this.deps.owner, this.deps.pageSize, this.ctx(null), new Date(now));
    // Parked deliveries not yet due: look again when the next one is (the worker's scan also tells).
    this.retryCheckAt = result.nextDue ? Math.max(result.nextDue.getTime(), now + 10) : Infinity;
    if (result.outcomes) this.noteRetries(result.outcomes);
    return result.performed > 0;
  }

  private async replayPage(cfg: DestinationConfig): Promise<boolean> {
    if (Date.now() < this.replayCheckAt) return false;
    await this.settleWrite();
    const result = await replayStep(cfg, this.deps.owner, this.deps.pageSize, this.ctx);
    if (result === "none") {
      this.replayCheckAt = Infinity;
      return false;
    }
    if (result) this.noteRetries(result);
    return true;
  }
}
