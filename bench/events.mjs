// `npm run bench:events`: the events API on a throwaway SQLite database with 1,000,000 events in one workspace
// (BENCH_EVENTS to change), p50 / p95 over 20 runs per query, two ways: the exact SQL of lib/eventlog/read.mjs
// through better-sqlite3 (the floor), then the whole API — GET /api/workspaces/{id}/events through `node
// server.js` (the production build: run `npm run build` first) with an App API key, so authentication, Prisma's
// raw-query mapping and the JSON of 50 payloads are included.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root); // lib/db/migrate.mjs finds prisma/migrations relative to the working directory
const { migrate } = await import("../lib/db/migrate.mjs");
const { queryEventPage } = await import("../lib/eventlog/read.mjs");

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
/** p50 / p95 of `RUNS` timed calls of `fn`, and its last result. */
async function time(fn) {
  let result;
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { result, p50: times[RUNS / 2], p95: times[Math.floor(RUNS * 0.95)] };
}

const ms = (n) => `${n.toFixed(2).padStart(7)} ms`;
const line = (label, t, rows, next) =>
  `${label.padEnd(34)} p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  rows ${String(rows).padStart(2)}  ${next ? `next ${next}` : "end"}`;

console.log("\nSQL only (better-sqlite3, the statements the API runs):");
for (const [label, filter, page] of cases) {
  const t = await time(() => queryEventPage("sqlite", workspaceId, filter, { limit: 50, ...page }, run));
  console.log(line(label, t, t.result.rows.length, t.result.nextCursor));
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

if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("\nThe events API over HTTP (node server.js, App API key, 50 per page):");
  const token = `sk_bench_${crypto.randomBytes(16).toString("hex")}`;
  db.prepare(`INSERT OR IGNORE INTO "Workspace" ("id","name","createdAt","updatedAt") VALUES (?,?,?,?)`).run(
    workspaceId,
    "Bench",
    new Date().toISOString(),
    new Date().toISOString(),
  );
  db.prepare(`INSERT INTO "AppApiKey" ("id","workspaceId","name","prefix","hash","scope") VALUES (?,?,?,?,?,?)`).run(
    crypto.randomUUID(),
    workspaceId,
    "bench",
    token.slice(0, 12),
    crypto.createHash("sha256").update(token).digest("hex"),
    "read",
  );
  db.pragma("wal_checkpoint(TRUNCATE)");
  await benchApi(token);
} else {
  console.log("\nNo production build: run `npm run build` to also measure the API over HTTP.");
}
db.close();
if (process.env.BENCH_KEEP !== "1" && !reuse) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${file}`);

async function benchApi(token) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn(process.execPath, ["server.js"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: `file:${file}`,
      SLUICE_DATA_DIR: dir,
      NEXTAUTH_SECRET: "bench",
      SLUICE_RETENTION: "0", // the seeded events span more than a day; keep them all
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const base = `http://127.0.0.1:${port}/api/workspaces/${workspaceId}/events`;
  const headers = { authorization: `Bearer ${token}` };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (server.exitCode !== null || Date.now() > deadline) throw new Error("Sluice did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const [label, filter, page] of cases) {
      const query = new URLSearchParams({ limit: "50", ...filter, ...page });
      const get = async () => {
        const res = await fetch(`${base}?${query}`, { headers });
        if (!res.ok) throw new Error(`${label}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      await get(); // the first request of a route compiles nothing, but warms Prisma and the statement cache
      const t = await time(get);
      console.log(line(label, t, t.result.events.length, t.result.nextCursor));
    }
  } finally {
    server.kill("SIGTERM");
  }
}
