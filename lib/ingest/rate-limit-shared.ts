import "server-only";
import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/db/migrate.mjs";
import { env } from "@/lib/env";
import { runOnEventLog } from "@/lib/eventlog";
import { sqliteDate } from "@/lib/eventlog/schema.mjs";
import { getIngestState, type IngestState } from "./state";

// What the rate limit keeps outside the request path, on one timer that runs only while a limit is in use:
// - every SYNC_MS on PostgreSQL, each current window's new calls are added to IngestRateWindow and the total of
//   every process read back, so that N web processes together let about the limit through, not N times it.
//   Sloppy by design: between two exchanges each process counts only its own calls, so the processes may
//   together overshoot by what they let through in SYNC_MS (at most the limit, as a process stops at it).
// - about once a second, the calls answered 429 are added to Source.limitedCalls (the source page's count):
//   one row update per limited source, never one event row per limited call.

const SYNC_MS = 200;
const LIMITED_SQL = `UPDATE "Source" SET "limitedCalls" = "limitedCalls" + ?, "lastLimitedAt" = ? WHERE "id" = ?`;
const LIMITED_FLUSH_MS = 1000;
const PRUNE_MS = 60_000;
/** Timer rounds without any limited traffic before the timer stops. */
const IDLE_ROUNDS = 25;

interface SyncState {
  timer?: NodeJS.Timeout;
  idle: number;
  running: boolean;
  lastLimitedFlush: number;
  lastPrune: number;
}

const holder = globalThis as unknown as { sluiceRateSync?: SyncState };

function wake() {
  const sync = (holder.sluiceRateSync ??= { idle: 0, running: false, lastLimitedFlush: 0, lastPrune: 0 });
  sync.idle = 0;
  if (sync.timer) return;
  sync.timer = setInterval(() => void round(sync), SYNC_MS);
  sync.timer.unref(); // never keeps a process alive
}

getIngestState().wakeSync = wake;

async function round(sync: SyncState) {
  if (sync.running) return;
  sync.running = true;
  const state = getIngestState();
  try {
    const now = Date.now();
    const isShared = isPostgresUrl(env.databaseUrl);
    if (isShared) await exchangeWindows(state, now);
    if (now - sync.lastLimitedFlush >= LIMITED_FLUSH_MS || state.limitedSince.size > 1000) {
      sync.lastLimitedFlush = now;
      await flushLimited(state, now);
    }
    if (isShared && now - sync.lastPrune >= PRUNE_MS) {
      sync.lastPrune = now;
      await db.$executeRawUnsafe(`DELETE FROM "IngestRateWindow" WHERE "windowStart" < $1`, BigInt(now - PRUNE_MS));
    }
  } catch (err) {
    console.error("[sluice] ingest rate limit: could not share counts:", (err as Error).message);
  } finally {
    sync.running = false;
  }
  const active = [...state.rateWindows.values()].some((w) => Date.now() - w.start < w.windowMs);
  if (active || state.limitedSince.size) sync.idle = 0;
  else if (++sync.idle >= IDLE_ROUNDS && sync.timer) {
    clearInterval(sync.timer);
    sync.timer = undefined;
  }
}

/** Adds this process's new calls of each current window to the shared row; learns the other processes' share. */
async function exchangeWindows(state: IngestState, now: number) {
  for (const [sourceId, w] of state.rateWindows) {
    if (now - w.start >= w.windowMs) continue; // over: nothing left to decide with it
    const delta = w.mine - w.synced;
    w.synced += delta;
    const rows = await db.$queryRawUnsafe<{ calls: number }[]>(
      `INSERT INTO "IngestRateWindow" ("sourceId","windowStart","calls") VALUES ($1,$2,$3)
       ON CONFLICT ("sourceId","windowStart") DO UPDATE SET "calls" = "IngestRateWindow"."calls" + EXCLUDED."calls"
       RETURNING "calls"`,
      sourceId,
      BigInt(w.start),
      delta,
    );
    const total = Number(rows[0]?.calls ?? w.synced);
    if (state.rateWindows.get(sourceId) === w) w.others = Math.max(0, total - w.synced);
  }
}

async function flushLimited(state: IngestState, now: number) {
  if (state.limitedSince.size === 0) return;
  const counts = [...state.limitedSince];
  state.limitedSince.clear();
  const at = new Date(now);
  // On SQLite through the event log's worker thread: a Prisma write there would block the event loop (and every
  // call in flight, the ones under the limit too) for its commit's fsync.
  const run = runOnEventLog();
  for (const [id, n] of counts) {
    if (run) await run(LIMITED_SQL, [n, sqliteDate(at), id]);
    else await db.source.updateMany({ where: { id }, data: { limitedCalls: { increment: n }, lastLimitedAt: at } });
  }
}

/** Tests: adds what is counted now (limited calls, shared windows) at once. */
export async function flushRateLimitCounts(): Promise<void> {
  const state = getIngestState();
  if (isPostgresUrl(env.databaseUrl)) await exchangeWindows(state, Date.now());
  await flushLimited(state, Date.now());
}
