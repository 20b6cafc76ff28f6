// Seeding for `npm run bench:pipeline`, straight in the database as bench/ingest.mjs seeds its source: a
// workspace with a source, and Webhook destinations connected to it, each with one `send` action whose trigger
// takes every track call and whose mapping posts the whole event — what the management API stores for a
// Webhook destination (no shared secret, so settings need no encryption). One implementation per database.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { seedPostgresSource } from "./harness.mjs";

const newId = (prefix) => `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
const TRIGGER = 'type = "track"';
const mappingFor = (url) => JSON.stringify({ url, method: "POST", data: { "@path": "$." } });

function rowsFor(targets) {
  return targets.map(({ url, name }) => ({
    destinationId: newId("bench_dest"),
    actionId: newId("bench_act"),
    name,
    mapping: mappingFor(url),
  }));
}

function newWorkspaceIds() {
  return {
    workspaceId: newId("bench_ws"),
    sourceId: newId("bench_src"),
    writeKey: `bench_${crypto.randomBytes(12).toString("hex")}`,
  };
}

export function sqliteStore(file) {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  const now = () => new Date().toISOString().replace("Z", "+00:00");
  return {
    url: `file:${file}`,
    label: "SQLite",
    async createWorkspace() {
      const ids = newWorkspaceIds();
      db.prepare(`INSERT INTO "Workspace" ("id","name","updatedAt") VALUES (?,?,?)`).run(
        ids.workspaceId,
        "Bench",
        now(),
      );
      db.prepare(
        `INSERT INTO "Source" ("id","workspaceId","type","name","writeKey","enabled","updatedAt") VALUES (?,?,?,?,?,1,?)`,
      ).run(ids.sourceId, ids.workspaceId, "nodejs", "Bench", ids.writeKey, now());
      return ids;
    },
    async createWebhookDestinations(ids, targets) {
      const rows = rowsFor(targets);
      const insert = db.transaction(() => {
        for (const r of rows) {
          const t = now();
          db.prepare(
            `INSERT INTO "Destination" ("id","workspaceId","slug","name","settings","enabled","createdAt","updatedAt") VALUES (?,?,?,?,?,1,?,?)`,
          ).run(r.destinationId, ids.workspaceId, "webhook", r.name, "{}", t, t);
          db.prepare(
            `INSERT INTO "Connection" ("sourceId","destinationId","workspaceId","createdAt") VALUES (?,?,?,?)`,
          ).run(ids.sourceId, r.destinationId, ids.workspaceId, t);
          db.prepare(
            `INSERT INTO "Action" ("id","workspaceId","destinationId","actionKey","name","trigger","mapping","enabled","batching","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,1,0,?,?)`,
          ).run(r.actionId, ids.workspaceId, r.destinationId, "send", "Send", TRIGGER, r.mapping, t, t);
        }
      });
      insert();
      return rows.map((r) => r.destinationId);
    },
    async leasedCount(destinationIds) {
      const marks = destinationIds.map(() => "?").join(",");
      return db
        .prepare(
          `SELECT count(*) AS n FROM "DeliveryCursor" WHERE "leaseOwner" IS NOT NULL AND "destinationId" IN (${marks})`,
        )
        .get(...destinationIds).n;
    },
    async disableDestinations(destinationIds) {
      const marks = destinationIds.map(() => "?").join(",");
      db.prepare(`UPDATE "Destination" SET "enabled" = 0 WHERE "id" IN (${marks})`).run(...destinationIds);
    },
    async newestEventId(workspaceId) {
      return db.prepare(`SELECT coalesce(max("id"), 0) AS n FROM "Event" WHERE "workspaceId" = ?`).get(workspaceId).n;
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresStore(url) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    label: "PostgreSQL",
    processName: "postgres", // the database server's processes, whose CPU the bench counts too
    async createWorkspace() {
      return seedPostgresSource(pool, newWorkspaceIds());
    },
    async createWebhookDestinations(ids, targets) {
      const rows = rowsFor(targets);
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        for (const r of rows) {
          await client.query(
            `INSERT INTO "Destination" ("id","workspaceId","slug","name","settings","enabled","updatedAt") VALUES ($1,$2,'webhook',$3,'{}',true,now())`,
            [r.destinationId, ids.workspaceId, r.name],
          );
          await client.query(`INSERT INTO "Connection" ("sourceId","destinationId","workspaceId") VALUES ($1,$2,$3)`, [
            ids.sourceId,
            r.destinationId,
            ids.workspaceId,
          ]);
          await client.query(
            `INSERT INTO "Action" ("id","workspaceId","destinationId","actionKey","name","trigger","mapping","enabled","batching","updatedAt") VALUES ($1,$2,$3,'send','Send',$4,$5,true,false,now())`,
            [r.actionId, ids.workspaceId, r.destinationId, TRIGGER, r.mapping],
          );
        }
        await client.query("COMMIT");
      } finally {
        client.release();
      }
      return rows.map((r) => r.destinationId);
    },
    async leasedCount(destinationIds) {
      const { rows } = await pool.query(
        `SELECT count(*) AS n FROM "DeliveryCursor" WHERE "leaseOwner" IS NOT NULL AND "destinationId" = ANY($1)`,
        [destinationIds],
      );
      return Number(rows[0].n);
    },
    async disableDestinations(destinationIds) {
      await pool.query(`UPDATE "Destination" SET "enabled" = false WHERE "id" = ANY($1)`, [destinationIds]);
    },
    async newestEventId(workspaceId) {
      const { rows } = await pool.query(`SELECT coalesce(max("id"), 0) AS n FROM "Event" WHERE "workspaceId" = $1`, [
        workspaceId,
      ]);
      return String(rows[0].n);
    },
    async close() {
      await pool.end();
    },
  };
}
