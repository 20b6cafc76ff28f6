import "server-only";
import { readBigInt, Sql } from "./sql";

// Leases: a destination's cursor row names the worker that may deliver for it until leaseExpiresAt; the
// worker renews it while it works, and a lease not renewed is taken over. Claims and renewals are single
// conditional UPDATEs, atomic on both databases (PostgreSQL re-checks the WHERE of a row another transaction
// changed meanwhile), and the cursor only moves under its lease (advance… AND "leaseOwner" = me), so a
// worker that lost its lease cannot move a cursor someone else now holds. WorkerLease does the same for
// the deployment's once-only jobs and for the workers' own heartbeats.

/** Creates the destination's cursor at `position` unless it has one. */
export async function ensureCursor(destinationId: string, workspaceId: string, position: bigint): Promise<void> {
  const q = new Sql();
  await q.execute(
    `INSERT INTO "DeliveryCursor" ("destinationId","workspaceId","position","updatedAt")
     VALUES (${q.v(destinationId)}, ${q.v(workspaceId)}, ${q.v(position, "bigint")}, ${q.v(new Date(), "ts")})
     ON CONFLICT ("destinationId") DO NOTHING`,
  );
}

/** Destination ids (of `candidates`) that have a cursor. */
export async function cursorsOf(candidates: string[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const q = new Sql();
  const rows = await q.query<{ destinationId: string }>(
    `SELECT "destinationId" FROM "DeliveryCursor" WHERE "destinationId" IN (${q.list(candidates)})`,
  );
  return new Set(rows.map((r) => r.destinationId));
}

/** Claims up to `max` of `candidates` whose lease is free or expired; returns the ids now held by `owner`. */
export async function claimDestinations(
  owner: string,
  candidates: string[],
  max: number,
  leaseMs: number,
): Promise<string[]> {
  if (candidates.length === 0 || max <= 0) return [];
  const now = new Date();
  const q = new Sql();
  const free = `"destinationId" IN (${q.list(candidates)}) AND ("leaseOwner" IS NULL OR "leaseExpiresAt" < ${q.v(now, "ts")})`;
  // PostgreSQL: SKIP LOCKED, so two workers claiming at once split the free destinations instead of queueing.
  const pick = q.isPg
    ? `SELECT "destinationId" FROM "DeliveryCursor" WHERE ${free} ORDER BY "destinationId" LIMIT ${q.v(max, "int")} FOR UPDATE SKIP LOCKED`
    : `SELECT "destinationId" FROM "DeliveryCursor" WHERE ${free} ORDER BY "destinationId" LIMIT ${q.v(max, "int")}`;
  const until = q.v(new Date(now.getTime() + leaseMs), "ts");
  const me = q.v(owner);
  const rows = await q.query<{ destinationId: string }>(
    `UPDATE "DeliveryCursor" SET "leaseOwner" = ${me}, "leaseExpiresAt" = ${until}
     WHERE "destinationId" IN (${pick}) RETURNING "destinationId"`,
  );
  return rows.map((r) => r.destinationId);
}

/** Extends `owner`'s leases on `ids`; returns the ids it still holds (the others were taken over). */
export async function renewDestinations(owner: string, ids: string[], leaseMs: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const q = new Sql();
  const rows = await q.query<{ destinationId: string }>(
    `UPDATE "DeliveryCursor" SET "leaseExpiresAt" = ${q.v(new Date(Date.now() + leaseMs), "ts")}
     WHERE "leaseOwner" = ${q.v(owner)} AND "destinationId" IN (${q.list(ids)}) RETURNING "destinationId"`,
  );
  return new Set(rows.map((r) => r.destinationId));
}

export async function releaseDestination(owner: string, id: string): Promise<void> {
  const q = new Sql();
  await q.execute(
    `UPDATE "DeliveryCursor" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL
     WHERE "destinationId" = ${q.v(id)} AND "leaseOwner" = ${q.v(owner)}`,
  );
}

/** The cursor's position, if `owner` holds its lease. */
export async function heldPosition(owner: string, id: string): Promise<bigint | null> {
  const q = new Sql();
  const rows = await q.query<{ position: unknown }>(
    `SELECT "position" FROM "DeliveryCursor" WHERE "destinationId" = ${q.v(id)} AND "leaseOwner" = ${q.v(owner)}`,
  );
  return rows[0] ? readBigInt(rows[0].position) : null;
}

/** Takes or extends the named lease (a once-per-deployment job, a worker's heartbeat); true when held. */
export async function holdJobLease(name: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const q = new Sql();
  const until = q.v(new Date(now.getTime() + leaseMs), "ts");
  const rows = await q.query<{ owner: string }>(
    `INSERT INTO "WorkerLease" ("name","owner","expiresAt") VALUES (${q.v(name)}, ${q.v(owner)}, ${until})
     ON CONFLICT ("name") DO UPDATE SET "owner" = excluded."owner", "expiresAt" = excluded."expiresAt"
     WHERE "WorkerLease"."owner" = excluded."owner" OR "WorkerLease"."expiresAt" < ${q.v(now, "ts")}
     RETURNING "owner"`,
  );
  return rows.length > 0;
}

export async function releaseJobLease(name: string, owner: string): Promise<void> {
  const q = new Sql();
  await q.execute(`DELETE FROM "WorkerLease" WHERE "name" = ${q.v(name)} AND "owner" = ${q.v(owner)}`);
}

/** How many workers of a scope have a heartbeat lease (named "worker:<scope>:<id>") that is live or expired
 *  less than `graceMs` ago (a worker late by a round is still counted: see share.ts). */
export async function liveWorkerCount(scope: string, graceMs = 0): Promise<number> {
  const q = new Sql();
  const since = new Date(Date.now() - graceMs);
  const rows = await q.query<{ n: unknown }>(
    `SELECT count(*) AS "n" FROM "WorkerLease" WHERE "name" LIKE ${q.v(`worker:${scope}:%`)} AND "expiresAt" >= ${q.v(since, "ts")}`,
  );
  return Math.max(1, Number(rows[0]?.n ?? 1));
}

/** Deletes the cursors of destinations that no longer exist (their deliveries go with their events' retention). */
export async function deleteOrphanCursors(): Promise<number> {
  return new Sql().execute(
    `DELETE FROM "DeliveryCursor" WHERE "destinationId" NOT IN (SELECT "id" FROM "Destination")`,
  );
}
