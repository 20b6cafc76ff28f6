// `npm run bench:ingest`: load on loopback against Sluice's production server (`node server.js`, /v1/* on the
// ingest fast path) and against bench/bare-server.mjs (the physical limit), side by side, on fresh throwaway
// SQLite files. Env: BENCH_SECONDS (10) per workload, BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50, single
// calls), BENCH_BATCH_CONNECTIONS (16), BENCH_WORKLOADS=batch,track, BENCH_BARE=0 (skip the baseline),
// BENCH_CPU_PROF=1 (.cpuprofile files of Sluice's server; summarize with bench/cpuprofile-top.mjs),
// BENCH_KEEP=1 (keep the throwaway directory), BENCH_DATABASE_URL=postgresql://… (Sluice on a throwaway
// PostgreSQL database created there; the bare baseline stays on SQLite).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import {
  cpuStallUs,
  fmt,
  freePort,
  get,
  killAll,
  procStats,
  root,
  seedPostgresSource,
  sleep,
  start,
  stop as stopChild,
} from "./harness.mjs";
import { runLoad } from "./load.mjs";

process.chdir(root); // lib/db/migrate.mjs finds prisma/migrations relative to the working directory
const { migrate } = await import("../lib/db/migrate.mjs");
const { createThrowawayPostgres } = await import("../lib/db/throwaway.mjs");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BATCH_CONNECTIONS = Number(process.env.BENCH_BATCH_CONNECTIONS ?? 16);
const BATCH_SIZE = 100;
const PROFILE = process.env.BENCH_CPU_PROF === "1";
const TARGETS = { batchEventsPerSec: 50_000, singleRps: 5_000, singleP99: 25, ratio: 0.5 };

// ---- workloads: realistic analytics-node-shaped calls, every messageId unique ----
let seq = 0;
const trackItem = (prefix, n, ts = new Date().toISOString()) =>
  `{"type":"track","userId":"user-${n % 5000}","event":"Order Completed","properties":{"orderId":"o-${n}",` +
  `"revenue":42.5,"currency":"USD","products":[{"sku":"sku-1","price":21.25,"quantity":2}]},` +
  `"context":{"library":{"name":"analytics-node","version":"3.1.0"}},"timestamp":"${ts}",` +
  `"messageId":"${prefix}-${n}"}`;
const identifyItem = (prefix, n, ts) =>
  `{"type":"identify","userId":"user-${n % 5000}","traits":{"email":"user${n % 5000}@example.com","plan":"pro"},` +
  `"context":{"library":{"name":"analytics-node","version":"3.1.0"}},"timestamp":"${ts}",` +
  `"messageId":"${prefix}-${n}"}`;
const batchBody = (prefix) => () => {
  const ts = new Date().toISOString();
  const items = [];
  for (let i = 0; i < BATCH_SIZE; i++) items.push((i % 10 === 9 ? identifyItem : trackItem)(prefix, seq++, ts));
  return `{"batch":[${items.join(",")}],"sentAt":"${ts}"}`;
};
const trackBody = (prefix) => () => trackItem(prefix, seq++);

const ALL_WORKLOADS = [
  { name: "batch", path: "/v1/batch", events: BATCH_SIZE, connections: BATCH_CONNECTIONS, body: batchBody },
  { name: "track", path: "/v1/track", events: 1, connections: CONNECTIONS, body: trackBody },
];
const only = process.env.BENCH_WORKLOADS?.split(",");
const WORKLOADS = ALL_WORKLOADS.filter((w) => !only || only.includes(w.name));

// ---- helpers (bench/harness.mjs) ----
const stop = (child) => stopChild(child, PROFILE ? 15_000 : 5_000);

// ---- where a server stores its events: a SQLite file, or a throwaway PostgreSQL database ----
const newIds = () => ({
  workspaceId: `bench_ws_${crypto.randomUUID()}`,
  sourceId: `bench_src_${crypto.randomUUID()}`,
  writeKey: `bench_${crypto.randomBytes(12).toString("hex")}`,
});
const COUNT_ACCEPTED = `SELECT count(*) AS n FROM "Event" WHERE "status" = 'accepted'`;

function sqliteStore(file) {
  const open = () => {
    const db = new Database(file);
    db.pragma("busy_timeout = 5000");
    return db;
  };
  return {
    url: `file:${file}`,
    label: "SQLite WAL + synchronous=FULL",
    async createSource() {
      const db = open();
      const now = new Date().toISOString().replace("Z", "+00:00");
      const ids = newIds();
      db.prepare(`INSERT INTO "Workspace" ("id","name","updatedAt") VALUES (?,?,?)`).run(ids.workspaceId, "Bench", now);
      db.prepare(
        `INSERT INTO "Source" ("id","workspaceId","type","name","writeKey","enabled","updatedAt") VALUES (?,?,?,?,?,1,?)`,
      ).run(ids.sourceId, ids.workspaceId, "nodejs", "Bench", ids.writeKey, now);
      db.close();
      return ids;
    },
    async countEvents() {
      const db = open();
      try {
        return db.prepare(COUNT_ACCEPTED).get().n;
      } finally {
        db.close();
      }
    },
    async drop() {},
  };
}

async function postgresStore(adminUrl) {
  const database = await createThrowawayPostgres(adminUrl, "sluice_bench");
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  return {
    url: database.url,
    label: "PostgreSQL",
    async createSource() {
      return seedPostgresSource(pool, newIds());
    },
    async countEvents() {
      return Number((await pool.query(COUNT_ACCEPTED)).rows[0].n);
    },
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

/** Warms up, then runs each workload for SECONDS; returns one result row per workload. */
async function measure(server, label, url, writeKey, store, workloads) {
  const headers = {
    "Content-Type": "application/json",
    Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
  };
  const rows = [];
  for (const w of workloads) {
    const prefix = `${label}-${w.name}-${Date.now()}`;
    const common = { url, path: w.path, headers, body: w.body(prefix), connections: w.connections };
    const warm = await runLoad({ ...common, seconds: WARMUP });
    if (!warm.ok)
      throw new Error(
        `${label} ${w.name}: no 200 in warm-up (${JSON.stringify(warm.statuses)} ${warm.firstError ?? ""})`,
      );
    const before = procStats(server.pid);
    const storedBefore = await store.countEvents();
    const clientBefore = process.cpuUsage();
    const stallBefore = cpuStallUs();
    const from = (performance.now() - server.startedAt) / 1000;
    const r = await runLoad({ ...common, seconds: SECONDS });
    const to = (performance.now() - server.startedAt) / 1000;
    const client = process.cpuUsage(clientBefore);
    const stall = (cpuStallUs() - stallBefore) / 1e6 / r.elapsed;
    const after = procStats(server.pid);
    const bad = r.requests - r.ok + r.errors;
    rows.push({
      workload: `${w.name} (${w.connections} conn)`,
      server: label,
      rps: r.rps,
      eps: r.rps * w.events,
      p50: r.p50,
      p99: r.p99,
      bad,
      stored: (await store.countEvents()) - storedBefore,
      expected: r.ok * w.events,
      cpu: (after.cpuSec - before.cpuSec) / r.elapsed,
      clientCpu: (client.user + client.system) / 1e6 / r.elapsed,
      stall,
      rss: after.peakRssMb,
      name: w.name,
    });
    if (PROFILE) console.log(`  ${label} ${w.name}: measured ${from.toFixed(1)}–${to.toFixed(1)} s after start`);
    if (bad)
      console.log(
        `  ${label} ${w.name}: non-200 ${JSON.stringify(r.statuses)}, errors ${r.errors} ${r.firstError ?? ""}`,
      );
  }
  return rows;
}

// ---- the two servers ----
async function benchSluice(tmp, store) {
  const port = await freePort();
  const args = PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(tmp, "profile")}`, "server.js"] : ["server.js"];
  const server = start(
    "sluice",
    args,
    {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: store.url,
      SLUICE_DATA_DIR: tmp,
      NEXTAUTH_SECRET: "bench",
      SLUICE_INGEST_RATE_LIMIT: "0",
      SLUICE_ADMIN_EMAIL: "bench@example.com",
      SLUICE_ADMIN_PASSWORD: "bench-password-1234",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    path.join(tmp, "sluice.log"),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    while ((await get(`${url}/api/health`)) !== 200) {
      if (server.exitCode !== null || Date.now() > deadline)
        throw new Error(`Sluice did not start: see ${server.logFile}`);
      await sleep(200);
    }
    const ids = await store.createSource();
    const rows = await measure(server, "sluice", url, ids.writeKey, store, WORKLOADS);
    // server.js's fast path answers /v1/* itself; Next's router would add its "Vary: rsc, …" header.
    const vary = await new Promise((resolve) => {
      const req = http.request(`${url}/v1/track`, { method: "OPTIONS", agent: false }, (res) => {
        res.resume();
        resolve(String(res.headers.vary ?? ""));
      });
      req.on("error", () => resolve("error"));
      req.end();
    });
    if (/rsc|error/.test(vary)) console.log(`  WARNING: /v1/* was served by Next's router, not server.js's fast path`);
    return rows;
  } finally {
    await stop(server);
  }
}

async function benchBare(tmp, mode, workloads) {
  const dbFile = path.join(tmp, `bare-${mode}.db`);
  await migrate(`file:${dbFile}`);
  const store = sqliteStore(dbFile);
  const ids = await store.createSource();
  const server = start(
    `bare-${mode}`,
    ["bench/bare-server.mjs", dbFile, ids.workspaceId, ids.sourceId, ids.writeKey],
    { BARE_SINGLE: mode },
    path.join(tmp, `bare-${mode}.log`),
  );
  try {
    const port = await new Promise((resolve, reject) => {
      server.stdout.on("data", (d) => {
        const m = /port (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      });
      server.on("exit", () => reject(new Error(`bare server exited: see ${server.logFile}`)));
    });
    return await measure(
      server,
      `bare (${mode === "tx" ? "tx/request" : "group commit"})`,
      `http://127.0.0.1:${port}`,
      ids.writeKey,
      store,
      workloads,
    );
  } finally {
    await stop(server);
  }
}

// ---- report ----
function printTable(rows) {
  const head = [
    "workload",
    "server",
    "req/s",
    "events/s",
    "p50 ms",
    "p99 ms",
    "non-200",
    "stored/acked",
    "server CPU",
    "CPU µs/event",
    "load-gen CPU",
    "CPU stall",
    "peak RSS MB",
  ];
  const body = rows.map((r) => [
    r.workload,
    r.server,
    fmt(r.rps),
    fmt(r.eps),
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    String(r.bad),
    r.stored === r.expected ? "ok" : `${r.stored}/${r.expected}`,
    `${fmt(r.cpu * 100)} %`,
    fmt((r.cpu / r.eps) * 1e6),
    `${fmt(r.clientCpu * 100)} %`,
    `${fmt(r.stall * 100)} %`,
    fmt(r.rss),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  body.forEach((b) => console.log(line(b)));
}

function printVerdict(rows) {
  const find = (name, server) => rows.find((r) => r.name === name && r.server.startsWith(server));
  const check = (label, value, target, ok, extra = "") =>
    console.log(
      `  ${label.padEnd(18)}${value.padStart(9)}  target ${target.padEnd(10)}${ok ? "PASS" : "FAIL"}${extra}`,
    );
  console.log("\nTargets (2-core machine; the load generator shares the cores):");
  const batch = find("batch", "sluice");
  const track = find("track", "sluice");
  if (batch) check("batched events/s", fmt(batch.eps), `>= ${fmt(TARGETS.batchEventsPerSec)}`, batch.eps >= 50_000);
  if (track) check("single calls/s", fmt(track.rps), `>= ${fmt(TARGETS.singleRps)}`, track.rps >= TARGETS.singleRps);
  if (track) check("single p99 ms", fmt(track.p99, 1), `<= ${TARGETS.singleP99}`, track.p99 <= TARGETS.singleP99);
  for (const ours of [batch, track]) {
    const bare = ours && find(ours.name, "bare (group");
    if (!bare) continue;
    const ratio = ours.eps / bare.eps;
    const detail = `  (${fmt(ours.eps)} / ${fmt(bare.eps)} events/s)`;
    check(
      `ours/bare ${ours.name}`,
      `${fmt(ratio * 100)} %`,
      `>= ${TARGETS.ratio * 100} %`,
      ratio >= TARGETS.ratio,
      detail,
    );
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build (.next/BUILD_ID is missing). Build it first: npm run build");
    process.exit(1);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-bench-"));
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const store = pgUrl ? await postgresStore(pgUrl) : sqliteStore(path.join(tmp, "sluice.db"));
  console.log(
    `ingest bench: ${SECONDS} s per workload after ${WARMUP} s warm-up, ${os.cpus().length} CPUs, node ${process.version}, build ${fs.readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim()}`,
  );
  console.log(
    `batch = ${BATCH_SIZE} events/request; single = /v1/track; Sluice on ${store.label}, bare on SQLite WAL + synchronous=FULL; throwaway files in ${tmp}\n`,
  );
  let ok = false;
  try {
    const rows = [...(await benchSluice(tmp, store))];
    if (process.env.BENCH_BARE !== "0") {
      rows.push(...(await benchBare(tmp, "group", WORKLOADS)));
      const single = WORKLOADS.filter((w) => w.name === "track");
      if (single.length) rows.push(...(await benchBare(tmp, "tx", single)));
    }
    rows.sort((a, b) => a.name.localeCompare(b.name));
    printTable(rows);
    printVerdict(rows);
    console.log(
      "\nbare: batch = one multi-row INSERT transaction per request; group commit = calls parsed in one event-loop turn share a transaction; tx/request = one transaction (fsync) per call.",
    );
    console.log(
      "CPU stall: share of the time some task waited for a CPU (/proc/pressure/cpu); near 100 % the machine was overloaded and the numbers are low.",
    );
    if (PROFILE) console.log(`CPU profile of Sluice's server: ${path.join(tmp, "profile")}`);
    ok = true;
  } finally {
    killAll();
    await store.drop().catch((err) => console.error(`could not drop the bench database: ${err.message}`));
    if (ok && !PROFILE && process.env.BENCH_KEEP !== "1") fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
}

await main();
