import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { getDbKind } from "@/lib/db";
import { startMetricsJob } from "@/lib/metrics/job";
import { listEnabledDestinations } from "./config";
import { newestEventIdAt, newestVisibleEventId, sourcesWithEventsBetween } from "./events";
import * as leases from "./leases";
import { defaultPerform, type PerformFn } from "./perform";
import { scanDestinations } from "./queue";
import { DestinationRunner } from "./runner";
import { SurplusGate } from "./share";
import { announceLeaseNews, listenForCommits, subscribeToEventIds, type OnLeaseNews } from "./wake";

// The delivery worker of one process: it holds leases on a fair share of the enabled destinations (enabled
// destinations ÷ live workers), runs one DestinationRunner per held destination, renews the leases, takes
// over expired ones and hands extra ones back when more workers are alive. New events wake the runners: on
// SQLite through the in-process live bus (ingest runs in the same process), on PostgreSQL through the event
// log's NOTIFY (every process's commits); a poll of max(id) covers a separate process on SQLite and lost
// notifications. Hand-overs are prompt: a worker that joins, leaves or releases destinations tells the others
// (wake.ts), which run a lease round at once; one giving destinations back stops their runners after the page
// in flight (idle ones first) and releases each as soon as it is done. share.ts keeps a flapping heartbeat from
// moving destinations back and forth.

export interface WorkerOptions {
  id?: string;
  perform?: PerformFn;
  leaseMs?: number;
  pollMs?: number;
  pageSize?: number;
  /** How long stop() lets in-flight performs finish before abandoning them (they are performed again). */
  stopGraceMs?: number;
  /** Tests and benchmarks: deliver only for some workspaces, sharing them only with workers of the same scope. */
  scope?: { name: string; includes: (workspaceId: string) => boolean };
}

export interface DeliveryWorker {
  id: string;
  /** Destination ids this worker delivers for now. */
  held(): string[];
  /** Runs one lease round now (tests). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

function envMs(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function startWorker(options: WorkerOptions = {}): DeliveryWorker {
  const id = options.id ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const leaseMs = options.leaseMs ?? envMs("SLUICE_WORKER_LEASE_MS", 15_000);
  const pollMs = options.pollMs ?? envMs("SLUICE_WORKER_POLL_MS", 500);
  const scanMs = envMs("SLUICE_WORKER_SCAN_MS", 2000);
  const stopGraceMs = options.stopGraceMs ?? envMs("SLUICE_WORKER_STOP_GRACE_MS", 5000);
  const roundMs = Math.max(200, Math.floor(leaseMs / 3));
  // share.ts: a heartbeat up to a round late still counts, and a surplus is given back once a second round
  // (at most a second later) confirms it.
  const surplusGate = new SurplusGate(Math.min(1000, roundMs));
  const deps = {
    owner: id,
    perform: options.perform ?? defaultPerform,
    pageSize: options.pageSize ?? 500,
    newestEventId: () => newest,
    newestEventSeenAt: () => newestSeenAt,
  };
  const scopeName = options.scope?.name ?? "all";
  const heartbeat = `worker:${scopeName}:${id}`;
  const runners = new Map<string, DestinationRunner>();
  let newest = 0n;
  let newestSeenAt = 0;
  let stopped = false;
  let ticking: Promise<void> | null = null;
  let tickAgain = false;
  let recheck: NodeJS.Timeout | null = null;
  let hasAnnouncedJoin = false;
  const announce = () => announceLeaseNews({ scope: scopeName, from: id });
  const onLeaseNews: OnLeaseNews = (news) => {
    if (news.scope === scopeName && news.from !== id) tickSoon();
  };

  // Wake only the runners whose sources have new events (one DISTINCT over the new id range), not all of them:
  // with hundreds of destinations most have nothing to do for any one commit.
  let dispatched: bigint | null = null;
  let isDispatching = false;
  let dispatchAgain = false;
  // The in-process bus (SQLite) and the commit notifications (PostgreSQL) name each commit's sources: while they
  // have reported everything up to the newest id, their sources are used instead of a query. (Another process
  // writing the same SQLite file is not on this bus: its events then wake their runners at the latest on the
  // runners' idle round.) On PostgreSQL only the ids above `heardAbove` were surely heard — max(id) read once the
  // LISTEN was in place; null while it is not (connecting, or the connection lost).
  let busUpTo = 0n;
  let busSources = new Set<string>();
  let heardAbove: bigint | null = getDbKind() === "postgresql" ? null : 0n;
  let listening = 0; // which LISTEN connection heardAbove belongs to
  const onListening = (isListening: boolean) => {
    const current = ++listening;
    heardAbove = null;
    if (!isListening) return;
    newestVisibleEventId().then(
      (id) => {
        if (current === listening) heardAbove = id;
        saw(id);
      },
      () => undefined,
    );
  };
  const sawEvents = (upTo: bigint, sourceIds: ReadonlySet<string>) => {
    for (const sourceId of sourceIds) busSources.add(sourceId);
    if (upTo > busUpTo) busUpTo = upTo;
    saw(upTo);
  };
  const saw = (eventId: bigint) => {
    if (dispatched === null) dispatched = eventId; // at start every runner reads past its own cursor anyway
    if (eventId <= newest) return;
    newest = eventId;
    newestSeenAt = performance.now();
    void dispatch();
  };
  async function dispatch() {
    if (isDispatching) return void (dispatchAgain = true);
    isDispatching = true;
    try {
      do {
        dispatchAgain = false;
        const upTo = newest;
        if (dispatched === null || upTo <= dispatched) break;
        if (runners.size === 0) {
          dispatched = upTo; // nobody to wake: no query for the sources
          busSources = new Set();
          break;
        }
        let sources: Set<string> | null = null;
        if (heardAbove !== null && dispatched >= heardAbove && busUpTo >= upTo) {
          sources = busSources; // taken in the same turn as upTo: every id ≤ upTo the bus reported is in it
          busSources = new Set();
        } else if (upTo - dispatched <= 50_000n) {
          sources = await sourcesWithEventsBetween(dispatched, upTo);
        }
        dispatched = upTo;
        for (const r of runners.values()) if (!sources || r.listensTo(sources)) r.wake();
      } while (dispatchAgain && !stopped);
    } catch {
      for (const r of runners.values()) r.wake();
    } finally {
      isDispatching = false;
    }
  }

  /** Stops the runner after its page in flight, then releases the lease (unless it was lost) and, to hand it
   *  over, tells the scope's other workers, so one with room claims it now rather than at its next round. */
  async function stopRunner(destinationId: string, then: "nothing" | "release" | "hand over") {
    const runner = runners.get(destinationId);
    if (!runner) return;
    runners.delete(destinationId);
    await runner.stop(stopGraceMs);
    if (then === "nothing" || runner.lostLease) return;
    await leases.releaseDestination(id, destinationId);
    if (then === "hand over") await announce();
  }

  let rounds = 0;
  async function round() {
    saw(await newestVisibleEventId());
    if (rounds++ % 12 === 0) await leases.deleteOrphanCursors();
    await leases.holdJobLease(heartbeat, id, leaseMs);
    if (!hasAnnouncedJoin) {
      hasAnnouncedJoin = true;
      await announce(); // the others see their smaller share now, not at their next round
    }
    const listed = await listEnabledDestinations();
    const enabled = options.scope ? listed.filter((d) => options.scope!.includes(d.workspaceId)) : listed;
    const enabledIds = new Set(enabled.map((d) => d.id));
    const withCursor = await leases.cursorsOf(enabled.map((d) => d.id));
    for (const d of enabled) {
      // A destination starts at "now": the newest event of its workspace when it was created.
      if (!withCursor.has(d.id))
        await leases.ensureCursor(d.id, d.workspaceId, await newestEventIdAt(d.workspaceId, d.createdAt));
    }
    const stillHeld = await leases.renewDestinations(id, [...runners.keys()], leaseMs);
    await Promise.all(
      [...runners].map(([destinationId, runner]) => {
        if (runner.lostLease || !stillHeld.has(destinationId)) return stopRunner(destinationId, "nothing");
        if (!enabledIds.has(destinationId)) return stopRunner(destinationId, "release");
      }),
    );
    if (stopped) return;
    const share = Math.ceil(enabled.length / (await leases.liveWorkerCount(scopeName, roundMs)));
    const { release, recheckInMs } = surplusGate.observe(runners.size, share, performance.now());
    if (recheckInMs !== null) tickIn(recheckInMs);
    if (runners.size > share) {
      // Above the share (confirmed or not): give back `release` of them, idle ones first (they stop at once).
      const idleFirst = [...runners].sort(([, a], [, b]) => Number(b.isIdle) - Number(a.isIdle));
      await Promise.all(idleFirst.slice(0, release).map(([destinationId]) => stopRunner(destinationId, "hand over")));
      return;
    }
    const free = enabled.map((d) => d.id).filter((d) => !runners.has(d));
    const claimed = await leases.claimDestinations(id, free, share - runners.size, leaseMs);
    if (stopped) {
      // stop() began meanwhile: hand them straight back.
      await Promise.all(claimed.map((destinationId) => leases.releaseDestination(id, destinationId)));
      if (claimed.length > 0) await announce();
      return;
    }
    for (const destinationId of claimed) runners.set(destinationId, new DestinationRunner(destinationId, deps));
  }

  function tick(): Promise<void> {
    ticking ??= round()
      .catch((err) => console.error("[sluice] delivery worker lease round failed:", err))
      .finally(() => {
        ticking = null;
        if (tickAgain) tickSoon();
      });
    return ticking;
  }

  /** A lease round now, or right after the one running (which may have read the leases before the news). */
  function tickSoon() {
    tickAgain = false;
    if (stopped) return;
    if (ticking) tickAgain = true;
    else void tick();
  }

  /** A lease round in `ms` (the surplus gate's second look), unless one is already due. */
  function tickIn(ms: number) {
    if (recheck || stopped) return;
    recheck = setTimeout(() => {
      recheck = null;
      tickSoon();
    }, ms);
    recheck.unref();
  }

  const leaseTimer = setInterval(() => void tick(), roundMs);
  const pollTimer = setInterval(() => {
    newestVisibleEventId().then(saw, () => undefined);
  }, pollMs);
  // Parked deliveries come due and replay jobs start without a new event: one scan for all held destinations.
  const scanTimer = setInterval(() => {
    if (runners.size === 0) return;
    scanDestinations([...runners.keys()]).then(
      ({ retryDue, replaying, versions }) => {
        for (const [destinationId, runner] of runners)
          runner.schedule(retryDue.get(destinationId), replaying.has(destinationId), versions.get(destinationId));
      },
      () => undefined,
    );
  }, scanMs);
  leaseTimer.unref();
  pollTimer.unref();
  scanTimer.unref();
  const unsubscribe =
    getDbKind() === "postgresql"
      ? listenForCommits((id, sources) => (sources ? sawEvents(id, sources) : saw(id)), onLeaseNews, onListening)
      : subscribeToEventIds(sawEvents, onLeaseNews);
  const metricsJob = options.scope ? null : startMetricsJob(); // ingest counts (scoped test workers skip it)
  void tick();

  return {
    id,
    held: () => [...runners.keys()],
    tick,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(leaseTimer);
      clearInterval(pollTimer);
      clearInterval(scanTimer);
      if (recheck) clearTimeout(recheck);
      await unsubscribe();
      await metricsJob?.stop();
      await ticking;
      // The heartbeat first: the others' share grows now, so each destination is claimed as soon as it is
      // released (its runner done with its page in flight), not after the slowest one.
      await leases.releaseJobLease(heartbeat, id).catch(() => undefined);
      await announce();
      await Promise.all([...runners.keys()].map((d) => stopRunner(d, "hand over")));
    },
  };
}
