import "server-only";
import { getDbKind } from "@/lib/db";
import { eventIdsByWorkspace, OUTCOME_CHANNEL, outcomeNotifyPayloads } from "@/lib/eventlog/outcome-notify";
import { addDeliveryMetrics } from "@/lib/metrics/delivery";
import { collectStatements, NothingChangedError, Sql, writeAll, type SqlClient } from "./sql";

// Writes a page's outcomes in one transaction with the cursor's advance, under the lease: if the lease was
// lost meanwhile (another worker took over), nothing is written and the new holder performs those events
// again (at-least-once; destinations deduplicate on messageId). Deliveries are upserted per (event, action),
// attempts appended, filtered events counted per action and hour.

export type DeliveryStatus = "delivered" | "retrying" | "failed" | "dead" | "discarded";

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  request: string | null;
  response: string | null;
}

export interface Outcome {
  workspaceId: string;
  destinationId: string;
  actionId: string;
  eventId: bigint;
  sourceId: string;
  status: Exclude<DeliveryStatus, "discarded">;
  attempt: number;
  firstAttemptAt: Date;
  nextAttemptAt: Date | null;
  error: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  replayId: string | null;
  record: AttemptRecord;
}

export interface FilteredCount {
  workspaceId: string;
  destinationId: string;
  actionId: string;
  count: number;
}

export class LeaseLostError extends Error {
  constructor(destinationId: string) {
    super(`lost the lease on destination ${destinationId}`);
  }
}

const CHUNK = 200;
type Tx = SqlClient;

function upsertDeliveries(tx: Tx, outcomes: Outcome[]) {
  const q = new Sql({ inTextOrder: true });
  const now = new Date();
  const values = outcomes.map(
    (o) =>
      `(${q.v(o.workspaceId)},${q.v(o.eventId, "bigint")},${q.v(o.destinationId)},${q.v(o.actionId)},${q.v(o.status)},1,` +
      `${q.v(o.firstAttemptAt, "ts")},${q.v(o.nextAttemptAt, "ts")},${q.v(o.error)},${q.v(o.statusCode, "int")},` +
      `${q.v(o.latencyMs, "int")},${q.v(o.replayId)},${q.v(now, "ts")},${q.v(now, "ts")})`,
  );
  return q.execute(
    `INSERT INTO "Delivery" ("workspaceId","eventId","destinationId","actionId","status","attempts","firstAttemptAt",
       "nextAttemptAt","lastError","statusCode","latencyMs","replayId","createdAt","updatedAt")
     VALUES ${values.join(",")}
     ON CONFLICT ("eventId","actionId") DO UPDATE SET "status" = excluded."status",
       "attempts" = "Delivery"."attempts" + 1,
       "firstAttemptAt" = CASE WHEN "Delivery"."status" = 'retrying' THEN "Delivery"."firstAttemptAt" ELSE excluded."firstAttemptAt" END,
       "nextAttemptAt" = excluded."nextAttemptAt", "lastError" = excluded."lastError", "statusCode" = excluded."statusCode",
       "latencyMs" = excluded."latencyMs", "replayId" = COALESCE(excluded."replayId", "Delivery"."replayId"),
       "updatedAt" = excluded."updatedAt"`,
    tx,
  );
}

function insertAttempts(tx: Tx, outcomes: Outcome[]) {
  const q = new Sql({ inTextOrder: true });
  const values = outcomes.map(({ record: r, ...o }) => {
    return (
      `(${q.v(o.workspaceId)},${q.v(o.eventId, "bigint")},${q.v(o.actionId)},${q.v(o.destinationId)},${q.v(o.attempt, "int")},` +
      `${q.v(r.startedAt, "ts")},${q.v(r.durationMs, "int")},${q.v(r.ok, "bool")},${q.v(r.statusCode, "int")},` +
      `${q.v(r.error)},${q.v(r.request)},${q.v(r.response)})`
    );
  });
  return q.execute(
    `INSERT INTO "DeliveryAttempt" ("workspaceId","eventId","actionId","destinationId","attempt","startedAt","durationMs",
       "ok","statusCode","error","request","response") VALUES ${values.join(",")}`,
    tx,
  );
}

function addFiltered(tx: Tx, counts: FilteredCount[]) {
  const q = new Sql();
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const values = counts.map(
    (c) =>
      `(${q.v(c.actionId)},${q.v(hour, "ts")},${q.v(c.workspaceId)},${q.v(c.destinationId)},${q.v(c.count, "int")})`,
  );
  return q.execute(
    `INSERT INTO "ActionStat" ("actionId","hour","workspaceId","destinationId","filtered") VALUES ${values.join(",")}
     ON CONFLICT ("actionId","hour") DO UPDATE SET "filtered" = "ActionStat"."filtered" + excluded."filtered"`,
    tx,
  );
}

/** PostgreSQL: the outcome notifications for other processes' debuggers (outcome-bus.ts), sent at commit. */
async function notifyOutcomes(tx: Tx, outcomes: Outcome[]) {
  if (outcomes.length === 0 || getDbKind() !== "postgresql") return;
  for (const [workspaceId, ids] of eventIdsByWorkspace(outcomes)) {
    for (const payload of outcomeNotifyPayloads(workspaceId, ids)) {
      const q = new Sql();
      await q.execute(`SELECT pg_notify(${q.v(OUTCOME_CHANNEL)}, ${q.v(payload)})`, tx);
    }
  }
}

/** Whose lease the page is written under, and where it leaves the destination's cursor (if it moves it). */
export interface PageLease {
  owner: string;
  destinationId: string;
  position?: bigint;
}

/** A replay job's progress made by the page. */
export interface ReplayAdvance {
  replayId: string;
  position: bigint;
  processed: number;
  done: boolean;
}

function leaseStatement(tx: Tx, lease: PageLease) {
  const q = new Sql();
  const move =
    lease.position === undefined
      ? ""
      : `"position" = CASE WHEN "position" < ${q.v(lease.position, "bigint")} THEN ${q.v(lease.position, "bigint")} ELSE "position" END, `;
  return q.execute(
    `UPDATE "DeliveryCursor" SET ${move}"updatedAt" = ${q.v(new Date(), "ts")}
     WHERE "destinationId" = ${q.v(lease.destinationId)} AND "leaseOwner" = ${q.v(lease.owner)}`,
    tx,
  );
}

function replayStatement(tx: Tx, replay: ReplayAdvance) {
  const q = new Sql();
  const finish = replay.done ? `, "status" = 'done', "finishedAt" = ${q.v(new Date(), "ts")}` : "";
  return q.execute(
    `UPDATE "ReplayJob" SET "position" = ${q.v(replay.position, "bigint")},
       "processed" = ${replay.done ? `"total"` : `"processed" + ${q.v(replay.processed, "int")}`}${finish}
     WHERE "id" = ${q.v(replay.replayId)} AND "status" = 'running'`,
    tx,
  );
}

/** A page's outcomes and filtered counts, after they are committed. */
export interface RecordedPage {
  outcomes: Outcome[];
  filtered: FilteredCount[];
}
type PageListener = (page: RecordedPage) => void;
const pageListeners = new Set<PageListener>();

/** Calls `listener` (in this process) after each page's outcomes are committed; returns the unsubscribe. */
export function onPageRecorded(listener: PageListener): () => void {
  pageListeners.add(listener);
  return () => pageListeners.delete(listener);
}

function emitPage(page: RecordedPage) {
  for (const listener of pageListeners) {
    try {
      listener(page);
    } catch (err) {
      console.error("[sluice] an outcome listener failed:", err);
    }
  }
}

/** Records outcomes and filtered counts (and moves the cursor or a replay job), atomically, under the lease;
 *  throws LeaseLostError, having written nothing, when the lease is no longer `lease.owner`'s. */
export async function recordPage(
  lease: PageLease,
  outcomes: Outcome[],
  filtered: FilteredCount[],
  replay?: ReplayAdvance,
): Promise<void> {
  // Compiled first, then written in one go: nothing awaits while the transaction holds the write lock.
  const statements = await collectStatements(async (tx) => {
    // First, so on PostgreSQL the cursor row stays locked until commit: a takeover waits for this page.
    await leaseStatement(tx, lease);
    for (let i = 0; i < outcomes.length; i += CHUNK) {
      const chunk = outcomes.slice(i, i + CHUNK);
      await upsertDeliveries(tx, chunk);
      await insertAttempts(tx, chunk);
    }
    if (filtered.length) await addFiltered(tx, filtered);
    if (replay) await replayStatement(tx, replay);
    await addDeliveryMetrics(tx, outcomes, filtered);
    await notifyOutcomes(tx, outcomes);
  });
  try {
    await writeAll(statements, { isFirstGuard: true }); // a transient failure is retried there
  } catch (err) {
    throw err instanceof NothingChangedError ? new LeaseLostError(lease.destinationId) : err;
  }
  if (outcomes.length || filtered.length) emitPage({ outcomes, filtered });
}
