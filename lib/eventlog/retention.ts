import "server-only";
import { db, getDbKind } from "@/lib/db";
import { discardExpiredAnonymous } from "@/lib/people/anonymous";
import { sqliteDate } from "@/lib/eventlog/schema.mjs";
import { collectStatements, Sql, writeAll } from "@/lib/pipeline/sql";

// Retention: each workspace keeps its events for retentionDays and at most retentionMaxEvents of them
// (WorkspaceSettings; defaults 7 days / 1,000,000). A background loop trims in small batches, one short
// transaction each and a pause between them, so ingest (SQLite has a single writer) never waits long.
// A batch deletes the events' deliveries and delivery attempts too; filtered counts older than retentionDays go
// with them. SLUICE_RETENTION=0 turns the loop off.

export const RETENTION_DEFAULTS = { maxAgeDays: 7, maxEvents: 1_000_000 } as const;
// A batch holds the database's write lock while it deletes (SQLite: every ingest commit waits for it); 2,000 events
// with their index entries took tens of milliseconds under load, 500 keep the wait to a few.
export const RETENTION_BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionLimits {
  maxAgeDays: number;
  maxEvents: number;
}

export interface RetentionBatchOptions {
  /** Events deleted per transaction. */
  batchSize?: number;
  /** Pause between batches, so other writers get the database in between. Default: twice the batch's own time (at
   *  least 10 ms), so a trim holds the write lock at most a third of the time, however slow the disk. */
  pauseMs?: number;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type IdRow = { id: bigint | number | string };

async function selectIds(sql: string, params: unknown[]): Promise<bigint[]> {
  const rows = await db.$queryRawUnsafe<IdRow[]>(sql, ...params);
  return rows.map((r) => BigInt(r.id));
}

/**
 * Deletes the events and their deliveries in one transaction, on the worker's connection: on SQLite its writer
 * thread runs it (a batch's deletes from the Event table and its indexes took tens of milliseconds, and through
 * Prisma they ran on the event loop, in front of every request waiting there).
 */
async function deleteBatch(ids: bigint[]): Promise<number> {
  const statements = await collectStatements(async (tx) => {
    for (const [table, column] of [
      ["DeliveryAttempt", "eventId"],
      ["Delivery", "eventId"],
      ["Event", "id"],
    ] as const) {
      const q = new Sql();
      await q.execute(`DELETE FROM "${table}" WHERE "${column}" IN (${q.list(ids, "bigint")})`, tx);
    }
  });
  await writeAll(statements);
  return ids.length; // just selected, and only this loop (one per deployment) deletes events
}

/** Deletes batch after batch of the ids `next()` returns until it returns none; returns how many were deleted. */
async function deleteInBatches(next: () => Promise<bigint[]>, pauseMs: number | undefined): Promise<number> {
  let deleted = 0;
  for (;;) {
    const ids = await next();
    if (ids.length === 0) return deleted;
    const started = performance.now();
    deleted += await deleteBatch(ids);
    await pause(pauseMs ?? Math.max(10, 2 * (performance.now() - started)));
  }
}

/**
 * Deletes the workspace's events received more than maxAgeDays ago, then all but its maxEvents newest (by id),
 * with their deliveries, in batches of `batchSize`. Returns the number of events deleted. Events stored while
 * it runs have higher ids and are never touched by the count trim.
 */
export async function trimWorkspaceEvents(
  workspaceId: string,
  limits: RetentionLimits,
  options: RetentionBatchOptions = {},
): Promise<number> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? RETENTION_BATCH_SIZE));
  const pg = getDbKind() === "postgresql";
  const p = (n: number) => (pg ? `$${n}` : "?");
  let deleted = 0;

  if (limits.maxAgeDays > 0) {
    const cutoff = new Date(Date.now() - limits.maxAgeDays * DAY_MS);
    // PostgreSQL: timestamp(3) without time zone, holding UTC; SQLite: text in Prisma's format.
    const before = pg ? cutoff.toISOString() : sqliteDate(cutoff);
    const sql =
      `SELECT "id" FROM "Event" WHERE "workspaceId" = ${p(1)} AND "receivedAt" < ${pg ? `${p(2)}::timestamp(3)` : p(2)} ` +
      `ORDER BY "receivedAt" ASC LIMIT ${p(3)}`;
    deleted += await deleteInBatches(() => selectIds(sql, [workspaceId, before, batchSize]), options.pauseMs);
    await db.actionStat.deleteMany({ where: { workspaceId, hour: { lt: cutoff } } });
  }

  if (limits.maxEvents > 0) {
    // The maxEvents-th newest event: everything below it goes. One index-only walk of (workspaceId, id).
    const [keep] = await selectIds(
      `SELECT "id" FROM "Event" WHERE "workspaceId" = ${p(1)} ORDER BY "id" DESC LIMIT 1 OFFSET ${p(2)}`,
      [workspaceId, Math.floor(limits.maxEvents) - 1],
    );
    if (keep !== undefined) {
      const sql =
        `SELECT "id" FROM "Event" WHERE "workspaceId" = ${p(1)} AND "id" < ${pg ? `${p(2)}::bigint` : p(2)} ` +
        `ORDER BY "id" ASC LIMIT ${p(3)}`;
      const floor = pg ? keep.toString() : Number(keep);
      deleted += await deleteInBatches(() => selectIds(sql, [workspaceId, floor, batchSize]), options.pauseMs);
    }
  }
  return deleted;
}

/**
 * One pass over every workspace (or only `workspaceIds`) with its own limits, the defaults when it has no
 * settings row. A workspace that fails is logged and skipped. Returns the number of events deleted.
 */
export async function runRetentionOnce(
  options: RetentionBatchOptions & { workspaceIds?: string[] } = {},
): Promise<number> {
  const workspaces = await db.workspace.findMany({
    where: options.workspaceIds ? { id: { in: options.workspaceIds } } : undefined,
    select: { id: true, settings: { select: { retentionDays: true, retentionMaxEvents: true } } },
    orderBy: { id: "asc" },
  });
  let deleted = 0;
  for (const ws of workspaces) {
    const limits = {
      maxAgeDays: ws.settings?.retentionDays ?? RETENTION_DEFAULTS.maxAgeDays,
      maxEvents: ws.settings?.retentionMaxEvents ?? RETENTION_DEFAULTS.maxEvents,
    };
    try {
      deleted += await trimWorkspaceEvents(ws.id, limits, options);
      // The people store's held anonymous activity that nobody identified within the merge window goes too.
      await discardExpiredAnonymous(db, ws.id, new Date());
    } catch (err) {
      console.error(`[sluice] retention failed for workspace ${ws.id}:`, err);
    }
  }
  return deleted;
}

interface RetentionLoop {
  stop: () => void;
}

// On globalThis: one loop per process, however many bundles include this module.
const holder = globalThis as unknown as { sluiceRetention?: RetentionLoop };

/**
 * Starts the background retention loop: a pass now-ish and then `intervalMs` after each pass ends, so passes
 * never overlap. The timer is unref'd (it does not keep the process alive) and errors are logged, never thrown.
 * Starts once per process; later calls return the running loop. SLUICE_RETENTION=0 disables it (returns null).
 */
export function startRetention(
  options: RetentionBatchOptions & {
    intervalMs?: number;
    firstDelayMs?: number;
    /** Asked before each pass: false skips it (another process of the deployment runs them). */
    shouldRun?: () => Promise<boolean>;
  } = {},
): RetentionLoop | null {
  if (process.env.SLUICE_RETENTION === "0") return null;
  if (holder.sluiceRetention) return holder.sluiceRetention;
  const intervalMs = options.intervalMs ?? 10 * 60 * 1000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    timer = undefined;
    (options.shouldRun ?? (async () => true))()
      .then((mine) => (mine ? runRetentionOnce(options) : 0))
      .then((deleted) => {
        if (deleted > 0) console.log(`[sluice] retention deleted ${deleted} events`);
      })
      .catch((err) => console.error("[sluice] retention failed:", err))
      .finally(() => schedule(intervalMs));
  };

  const loop: RetentionLoop = {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (holder.sluiceRetention === loop) holder.sluiceRetention = undefined;
    },
  };
  holder.sluiceRetention = loop;
  schedule(options.firstDelayMs ?? 60 * 1000);
  return loop;
}
