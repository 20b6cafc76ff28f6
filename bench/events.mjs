// `node bench/events.mjs`: the events API's page query on a throwaway SQLite database with 1,000,000 events
// in one workspace (BENCH_EVENTS to change), p50 / p95 over 20 runs per query. Runs the exact SQL of
// lib/events/sql.mjs through better-sqlite3 (the API adds Prisma's raw-query mapping on top).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root); // lib/db/migrate.mjs finds prisma/migrations relative to the working directory
const { migrate } = await import("../lib/db/migrate.mjs");
const { queryEventPage } = await import("../lib/events/sql.mjs");

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = 20;
// BENCH_DB=<file> reuses a database kept by an earlier BENCH_KEEP=1 run (seeding a million takes minutes).
const reuse = process.env.BENCH_DB && fs.existsSync(process.env.BENCH_DB) ? process.env.BENCH_DB : null;
const dir = reuse ? path.dirname(reuse) : fs.mkdtempSync(path.join(os.tmpdir(), "sluice-bench-events-"));
const file = reuse ?? path.join(dir, "bench.db");
if (!reuse) await migrate(`file:${file}`);

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("cache_size = -400000"); // 400 MB: the random-keyed indexes (anonymousId) make seeding I/O-bound otherwise
const workspaceId = "ws_bench";
const sources = Array.from({ length: 5 }, (_, i) => `src_${i}`);
const kinds = ["track", "track", "track", "track", "track", "track", "track", "identify", "page", "page"];
const names = ["Order Completed", "Product Viewed", "Signed Up", "Cart Viewed", "Checkout Started"];

if (!reuse) {
  const seedStart = performance.now();
  const ROWS = 500;
  const insert = db.prepare(
    `INSERT INTO "Event" ("workspaceId","sourceId","messageId","type","name","userId","anonymousId","payload","receivedAt","status","reason") VALUES ${Array(ROWS).fill("(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
  );
  const t0 = Date.now() - TOTAL * 100; // one call every 100 ms, ending now
  db.transaction(() => {
    for (let i = 0; i < TOTAL; i += ROWS) {
      const params = [];
      for (let j = i; j < i + ROWS; j++) {
        const type = kinds[j % kinds.length];
        const isRejected = j % 997 === 0;
        const name = type === "track" ? names[j % names.length] : type === "page" ? "Home" : null;
        const userId = `user-${j % 50_000}`;
        const anonymousId = crypto.randomUUID();
        const receivedAt = new Date(t0 + j * 100).toISOString().replace("Z", "+00:00");
        const body = {
          type,
          event: name ?? undefined,
          userId,
          anonymousId,
          messageId: `m-${j}`,
          // A rare marker (1 in 10,000) for the selective text search.
          properties: { total: j % 500, currency: "EUR", sku: j % 10_000 === 0 ? "NEEDLE-42" : `SKU-${j % 3000}` },
          context: { library: { name: "analytics-node", version: "2.1.0" }, ip: "203.0.113.7" },
          timestamp: receivedAt,
          receivedAt,
        };
        params.push(
          workspaceId,
          sources[j % sources.length],
          `m-${j}`,
          type,
          name,
          userId,
          anonymousId,
          JSON.stringify(body),
          receivedAt,
          isRejected ? "rejected" : "accepted",
          isRejected ? "missing userId" : null,
        );
      }
      insert.run(...params);
    }
  })();
  // A second, smaller workspace shares the table, as in any real install. No ANALYZE: Sluice never runs it.
  db.transaction(() => {
    const other = db.prepare(
      `INSERT INTO "Event" ("workspaceId","sourceId","messageId","type","name","userId","anonymousId","payload","receivedAt","status","reason") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const now = new Date().toISOString().replace("Z", "+00:00");
    for (let i = 0; i < 20_000; i++)
      other.run("ws_other", "src_other", `o-${i}`, "track", "Other", "u", null, "{}", now, "accepted", null);
  })();
  console.log(
    `seeded ${TOTAL.toLocaleString("en")} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`,
  );
}

const middle = String(Math.floor(TOTAL / 2));
const cases = [
  ["unfiltered page", {}, {}],
  ["unfiltered, cursor in the middle", {}, { before: middle }],
  ["type=identify", { type: "identify" }, {}],
  ["sourceId=src_3", { sourceId: "src_3" }, {}],
  ["event=Signed Up", { event: "Signed Up" }, {}],
  ["status=rejected", { status: "rejected" }, {}],
  ["userId=user-42", { userId: "user-42" }, {}],
  ["q=sku-12 (common)", { q: "sku-12" }, {}],
  ["q=needle-42 (1 in 10,000)", { q: "needle-42" }, {}],
  ["type+source+q", { type: "track", sourceId: "src_1", q: "checkout" }, {}],
  ["last hour (from/to)", { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() }, {}],
];
const statements = new Map(); // prepared once, as Prisma's better-sqlite3 adapter caches statements too
const run = (sql, params) => {
  if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
  return statements.get(sql).all(...params);
};
for (const [label, filter, page] of cases) {
  let result;
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    result = await queryEventPage("sqlite", workspaceId, filter, { limit: 50, ...page }, run);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const more = result.nextCursor ? `next ${result.nextCursor}` : "end";
  console.log(
    `${label.padEnd(34)} p50 ${times[RUNS / 2].toFixed(2).padStart(7)} ms  p95 ${times[Math.floor(RUNS * 0.95)].toFixed(2).padStart(7)} ms  rows ${String(result.rows.length).padStart(2)}  ${more}`,
  );
}
if (process.env.BENCH_PLANS === "1") {
  for (const sql of statements.keys())
    console.log(
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...Array(sql.split("?").length - 1).fill("x"))
        .map((r) => r.detail)
        .join("; "),
      "\n  ",
      sql,
    );
}
db.close();
if (process.env.BENCH_KEEP !== "1" && !reuse) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${file}`);
