import "server-only";
import type { LoggedEvent } from "./events";
import { readBigInt, readDate, Sql } from "./sql";

// What a destination's runner picks up besides new events: parked deliveries whose next attempt is due, and
// the replay job it is working through.

export interface DueRetry {
  actionId: string;
  attempts: number;
  firstAttemptAt: Date;
  event: LoggedEvent;
}

type RetryRow = {
  actionId: string;
  attempts: unknown;
  firstAttemptAt: unknown;
  eventId: unknown;
  workspaceId: string;
  sourceId: string;
  payload: string;
  receivedAt: unknown;
};

/** Retrying deliveries of the destination's `actionIds` due by `now`, oldest due first, with their events. */
export async function dueRetries(
  workspaceId: string,
  destinationId: string,
  actionIds: string[],
  now: Date,
  limit: number,
): Promise<DueRetry[]> {
  if (actionIds.length === 0) return [];
  const q = new Sql();
  const rows = await q.query<RetryRow>(
    `SELECT d."actionId", d."attempts", d."firstAttemptAt", d."eventId", e."workspaceId", e."sourceId", e."payload", e."receivedAt"
     FROM "Delivery" d JOIN "Event" e ON e."id" = d."eventId"
     WHERE d."workspaceId" = ${q.v(workspaceId)} AND d."destinationId" = ${q.v(destinationId)} AND d."status" = 'retrying'
       AND d."nextAttemptAt" <= ${q.v(now, "ts")} AND d."actionId" IN (${q.list(actionIds)})
     ORDER BY d."nextAttemptAt" LIMIT ${q.v(limit, "int")}`,
  );
  return rows.map((r) => ({
    actionId: r.actionId,
    attempts: Number(r.attempts),
    firstAttemptAt: r.firstAttemptAt === null ? new Date() : readDate(r.firstAttemptAt),
    event: {
      id: readBigInt(r.eventId),
      workspaceId: r.workspaceId,
      sourceId: r.sourceId,
      payload: r.payload,
      receivedAt: readDate(r.receivedAt),
    },
  }));
}

/** When the destination's next parked delivery is due (null: none is parked). */
export async function nextRetryDue(workspaceId: string, destinationId: string): Promise<Date | null> {
  const q = new Sql();
  const rows = await q.query<{ next: unknown }>(
    `SELECT min("nextAttemptAt") AS "next" FROM "Delivery"
     WHERE "workspaceId" = ${q.v(workspaceId)} AND "destinationId" = ${q.v(destinationId)} AND "status" = 'retrying'`,
  );
  return rows[0]?.next === null || rows[0]?.next === undefined ? null : readDate(rows[0].next);
}

export interface RunningReplay {
  id: string;
  actionId: string | null;
  fromTime: Date;
  toTime: Date;
  lastId: bigint;
  position: bigint;
}

type ReplayRow = {
  id: string;
  actionId: string | null;
  fromTime: unknown;
  toTime: unknown;
  lastId: unknown;
  position: unknown;
};

/** The destination's oldest running replay job, if any. */
export async function runningReplay(destinationId: string): Promise<RunningReplay | null> {
  const q = new Sql();
  const rows = await q.query<ReplayRow>(
    `SELECT "id","actionId","fromTime","toTime","lastId","position" FROM "ReplayJob"
     WHERE "destinationId" = ${q.v(destinationId)} AND "status" = 'running' ORDER BY "createdAt" LIMIT 1`,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    actionId: r.actionId,
    fromTime: readDate(r.fromTime),
    toTime: readDate(r.toTime),
    lastId: readBigInt(r.lastId),
    position: readBigInt(r.position),
  };
}

export interface DestinationScan {
  retryDue: Map<string, Date>;
  replaying: Set<string>;
  versions: Map<string, number>;
}

/** For the worker's scan of the destinations it holds: when each one's next parked delivery is due, which
 *  have a running replay job, and each one's configVersion — three queries for all of them. */
export async function scanDestinations(destinationIds: string[]): Promise<DestinationScan> {
  if (destinationIds.length === 0) return { retryDue: new Map(), replaying: new Set(), versions: new Map() };
  const q = new Sql();
  const due = await q.query<{ destinationId: string; next: unknown }>(
    `SELECT "destinationId", min("nextAttemptAt") AS "next" FROM "Delivery"
     WHERE "status" = 'retrying' AND "destinationId" IN (${q.list(destinationIds)}) GROUP BY "destinationId"`,
  );
  const r = new Sql();
  const jobs = await r.query<{ destinationId: string }>(
    `SELECT DISTINCT "destinationId" FROM "ReplayJob" WHERE "status" = 'running' AND "destinationId" IN (${r.list(destinationIds)})`,
  );
  const v = new Sql();
  const versions = await v.query<{ id: string; configVersion: unknown }>(
    `SELECT "id","configVersion" FROM "Destination" WHERE "id" IN (${v.list(destinationIds)})`,
  );
  return {
    retryDue: new Map(due.filter((d) => d.next !== null).map((d) => [d.destinationId, readDate(d.next)])),
    replaying: new Set(jobs.map((j) => j.destinationId)),
    versions: new Map(versions.map((d) => [d.id, Number(d.configVersion)])),
  };
}
