// `npm run bench:ingest`: load on loopback against Sluice's production server (`node server.js` with the shipped
// defaults, /v1/* on the ingest fast path), side by side in one run with two baselines on fresh throwaway SQLite
// files: the minimal yardstick (bench/ingest-yardstick.mjs: node:http + JSON.parse + group commit into SQLite
// WAL, synchronous=FULL, a table with only a primary key and a unique messageId, 200 after the commit) — the
// number the targets are ratios of — and bench/bare-server.mjs (Sluice's own Event table and indexes).
// Workloads: 100-event batches at 16 and at 50 connections, single /v1/track calls at 50 connections, and
// (Sluice only) /v1/track against a source whose own rate limit is a fifth of what the server just did. Then
// each server's CPU per event, by thread, at a fixed offered rate all of them sustain: a steadier measure than
// throughput of the work each one does per event.
// Env: BENCH_SECONDS (10) per workload, BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50),
// BENCH_BATCH_CONNECTIONS (16,50), BENCH_WORKLOADS=batch,track,limited, BENCH_BARE=0 (skip bare-server.mjs),
// BENCH_YARDSTICK=0 (Sluice alone, e.g. to profile it), BENCH_NODE_FLAGS="--max-old-space-size=…" (node flags for
// Sluice's server instead of those of `npm start`: trials of a memory cap), BENCH_BARE_TX=1 (also bare's one-transaction-per-call mode), BENCH_CPU_PROF=1 (.cpuprofile files of
// Sluice's server; summarize with bench/cpuprofile-top.mjs), BENCH_KEEP=1 (keep the throwaway directory),
// BENCH_DATABASE_URL=postgresql://… (Sluice on a throwaway PostgreSQL database created there; the baselines
// stay on SQLite), BENCH_COST=0 (skip the CPU per event), BENCH_COST_SECONDS (5), BENCH_COST_BATCH_RATE (150
// requests/s), BENCH_COST_TRACK_RATE (3000 calls/s).
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
  printTable,
  procStats,
  root,
  seedPostgresSource,
  sleep,
  start,
  stop as stopChild,
  commandCpuMs,
  threadCpuMs,
  threadCpuSpent,
} from "./harness.mjs";
import { runLoad } from "./load.mjs";

process.chdir(root); // lib/db/migrate.mjs finds prisma/migrations relative to the working directory
const { migrate } = await import("../lib/db/migrate.mjs");
const { createThrowawayPostgres } = await import("../lib/db/throwaway.mjs");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BATCH_CONNECTIONS = (process.env.BENCH_BATCH_CONNECTIONS ?? "16,50").split(",").map(Number);
const BATCH_SIZE = 100;
const PROFILE = process.env.BENCH_CPU_PROF === "1";
// Of the minimal yardstick's rate, in the same run (issue #15): batches at 50 connections, single calls.
const TARGETS = { batchRatio: 0.8, singleRatio: 0.5, singleP99: 25, rssMb: 500, limitedP99: 25 };

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
  ...BATCH_CONNECTIONS.map((connections) => ({
    name: "batch",
    path: "/v1/batch",
    events: BATCH_SIZE,
    connections,
    body: batchBody,
  })),
  { name: "track", path: "/v1/track", events: 1, connections: CONNECTIONS, body: trackBody },
];
const only = process.env.BENCH_WORKLOADS?.split(",");
const WORKLOADS = ALL_WORKLOADS.filter((w) => !only || only.includes(w.name));
const RUN_LIMITED = !only || only.includes("limited");

// ---- helpers (bench/harness.mjs) ----
const stop = (child) => stopChild(child, PROFILE ? 15_000 : 5_000);

// ---- where a server stores its events: a SQLite file, or a throwaway PostgreSQL database ----
const newIds = () => ({
  workspaceId: `bench_ws_${crypto.randomUUID()}`,
  sourceId: `bench_src_${crypto.randomUUID()}`,
  writeKey: `bench_${crypto.randomBytes(12).toString("hex")}`,
});
// A source's own rate limit, as its settings page sets it.
const SET_LIMIT = `UPDATE "Source" SET "rateLimit" = $1, "rateLimitWindowSeconds" = $2 WHERE "id" = $3`;
// Rows inserted so far (ids are never reused): a count would drop when retention's count cap (1,000,000 events per
// workspace, shipped default) trims the oldest while a workload runs. The workloads send no rejected call.
const ROWS_INSERTED = `SELECT coalesce(max("id"), 0) AS n FROM "Event"`;

function sqliteStore(file) {
  const open = () => {
    const db = new Database(file);
    db.pragma("busy_timeout = 5000");
    return db;
  };
  return {
    url: `file:${file}`,
    label: "SQLite WAL + synchronous=FULL",
    async createSource(limit = null) {
      const db = open();
      const now = new Date().toISOString().replace("Z", "+00:00");
      const ids = newIds();
      db.prepare(`INSERT INTO "Workspace" ("id","name","updatedAt") VALUES (?,?,?)`).run(ids.workspaceId, "Bench", now);
      db.prepare(
        `INSERT INTO "Source" ("id","workspaceId","type","name","writeKey","enabled","updatedAt") VALUES (?,?,?,?,?,1,?)`,
      ).run(ids.sourceId, ids.workspaceId, "nodejs", "Bench", ids.writeKey, now);
      if (limit) db.prepare(SET_LIMIT.replaceAll(/\$\d/g, "?")).run(limit.calls, limit.windowSeconds, ids.sourceId);
      db.close();
      return ids;
    },
    async countEvents() {
      const db = open();
      try {
        return db.prepare(ROWS_INSERTED).get().n;
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
    /** The database server's processes: Sluice's inserts run in them, so their CPU counts as Sluice's. */
    processName: "postgres",
    async createSource(limit = null) {
      const ids = await seedPostgresSource(pool, newIds());
      if (limit) await pool.query(SET_LIMIT, [limit.calls, limit.windowSeconds, ids.sourceId]);
      return ids;
    },
    async countEvents() {
      return Number((await pool.query(ROWS_INSERTED)).rows[0].n);
    },
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

/** What every workload's requests carry: JSON, and the source's write key as HTTP Basic user. */
const ingestHeaders = (writeKey) => ({
  "Content-Type": "application/json",
  Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
});

/** Warms up, then runs each workload for SECONDS; returns one result row per workload. */
async function measure(server, label, url, writeKey, store, workloads) {
  const headers = ingestHeaders(writeKey);
  const rows = [];
  for (const w of workloads) {
    const prefix = `${label}-${w.name}-${Date.now()}`;
    const common = {
      url,
      path: w.path,
      headers,
      body: w.body(prefix),
      connections: w.connections,
      ratePerSec: w.ratePerSec,
    };
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
    const bad = r.requests - r.ok - (w.expect429 ? (r.statuses[429] ?? 0) : 0) + r.errors;
    rows.push({
      workload: `${w.label ?? w.name} (${w.connections} conn)`,
      server: label,
      rps: r.rps,
      eps: r.rps * w.events,
      p50: r.p50,
      p99: r.p99,
      okP99: r.okP99,
      limited: r.statuses[429] ?? 0,
      bad,
      stored: (await store.countEvents()) - storedBefore,
      expected: r.ok * w.events,
      cpu: (after.cpuSec - before.cpuSec) / r.elapsed,
      clientCpu: (client.user + client.system) / 1e6 / r.elapsed,
      stall,
      rss: after.peakRssMb,
      name: w.name,
      connections: w.connections,
      elapsed: r.elapsed,
    });
    if (PROFILE) console.log(`  ${label} ${w.name}: measured ${from.toFixed(1)}–${to.toFixed(1)} s after start`);
    if (bad)
      console.log(
        `  ${label} ${w.name}: non-200 ${JSON.stringify(r.statuses)}, errors ${r.errors} ${r.firstError ?? ""}`,
      );
  }
  return rows;
}

// ---- the servers: each started once and kept running, so every workload runs on all of them back to back ----
async function startSluice(tmp, store) {
  const port = await freePort();
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? startFlags();
  if (PROFILE) flags.push("--cpu-prof", `--cpu-prof-dir=${path.join(tmp, "profile")}`);
  const args = [...flags, "server.js"];
  // The shipped defaults: nothing but where to listen and store, and the first-run admin.
  const server = start(
    "sluice",
    args,
    {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: store.url,
      SLUICE_DATA_DIR: tmp,
      NEXTAUTH_SECRET: "bench",
      SLUICE_ADMIN_EMAIL: "bench@example.com",
      SLUICE_ADMIN_PASSWORD: "bench-password-1234",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    path.join(tmp, "sluice.log"),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while ((await get(`${url}/api/health`)) !== 200) {
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`Sluice did not start: see ${server.logFile}`);
    await sleep(200);
  }
  const ids = await store.createSource();
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
  return { label: "sluice", server, url, writeKey: ids.writeKey, store };
}

/** The node flags `npm start` runs server.js with (package.json): the bench measures what a user starts. */
function startFlags() {
  const script = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start;
  const m = /^node\s+(.*?)\s*server\.js/.exec(script);
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

function portOf(server) {
  return new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      const m = /port (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    server.on("exit", () => reject(new Error(`${server.label} exited: see ${server.logFile}`)));
  });
}

async function startYardstick(tmp) {
  const dbFile = path.join(tmp, "yardstick.db");
  const writeKey = "bench_yardstick";
  const server = start(
    "yardstick",
    ["bench/ingest-yardstick.mjs", dbFile, writeKey],
    {},
    path.join(tmp, "yardstick.log"),
  );
  const url = `http://127.0.0.1:${await portOf(server)}`;
  const countEvents = async () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare(`SELECT count(*) AS n FROM "Call"`).get().n;
    } finally {
      db.close();
    }
  };
  return { label: "minimal yardstick", server, url, writeKey, store: { countEvents } };
}

async function startBare(tmp, mode) {
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
  const url = `http://127.0.0.1:${await portOf(server)}`;
  return {
    label: `bare (${mode === "tx" ? "tx/request" : "group commit"})`,
    server,
    url,
    writeKey: ids.writeKey,
    store,
  };
}

/** Sluice only: single calls to a source whose own rate limit (its settings) is a fifth of `rps` per second,
 *  offered at `rps` (5× the limit, paced): the server does what it just did, four fifths of it answered 429. */
async function measureLimited(sluice, rps) {
  const limit = Math.max(50, Math.round(rps / 5));
  const ids = await sluice.store.createSource({ calls: limit, windowSeconds: 1 });
  const workload = {
    name: "limited",
    label: `track, limit ${fmt(limit)}/s`,
    path: "/v1/track",
    events: 1,
    connections: CONNECTIONS,
    body: trackBody,
    expect429: true,
    ratePerSec: limit * 5,
  };
  const [row] = await measure(sluice.server, sluice.label, sluice.url, ids.writeKey, sluice.store, [workload]);
  row.limit = limit;
  return row;
}

// ---- CPU per event at a fixed offered rate ----
// Throughput on a shared 2-core machine swings by a fifth from run to run. The CPU a server spends per event at a
// rate every server sustains (its threads' CPU time, read from /proc) swings with the machine's speed too, but
// Sluice's and the yardstick's swing together: for batches their ratio varies half as much as throughput's.
const COST_SECONDS = Number(process.env.BENCH_COST_SECONDS ?? 5);
const COST_RATES = {
  batch: Number(process.env.BENCH_COST_BATCH_RATE ?? 150),
  track: Number(process.env.BENCH_COST_TRACK_RATE ?? 3000),
};
// One of each kind that runs (batches at any connection count: the rate, not the connections, is fixed).
const COST_WORKLOADS = Object.keys(COST_RATES).flatMap((name) => {
  const w = WORKLOADS.find((x) => x.name === name);
  return w ? [{ ...w, rate: COST_RATES[name] }] : [];
});

/** CPU µs per event of `s` under `w` at w.rate requests/s: in all, its main thread, its busiest other thread, the
 *  rest of its threads and (Sluice on PostgreSQL) the database server's processes. */
async function measureCost(s, w) {
  const common = {
    url: s.url,
    path: w.path,
    headers: ingestHeaders(s.writeKey),
    body: w.body(`${s.label}-cost-${w.name}-${Date.now()}`),
    connections: CONNECTIONS,
    ratePerSec: w.rate,
  };
  const pid = String(s.server.pid);
  const database = s.store.processName ? () => commandCpuMs(s.store.processName) : () => 0;
  await runLoad({ ...common, seconds: 1 });
  const before = threadCpuMs(pid);
  const databaseBefore = database();
  const r = await runLoad({ ...common, seconds: COST_SECONDS });
  const after = threadCpuMs(pid);
  const events = r.ok * w.events;
  const spent = threadCpuSpent(pid, before, after);
  const us = (ms) => (ms * 1000) / events;
  const db = us(database() - databaseBefore);
  const main = us(spent.main);
  const [busiest = 0, ...rest] = spent.others.map(us);
  const restUs = rest.reduce((n, x) => n + x, 0);
  return {
    name: w.name,
    server: s.label,
    eps: r.rps * w.events,
    total: main + busiest + restUs + db,
    main,
    busiest,
    rest: restUs,
    db,
  };
}

function printCost(rows) {
  console.log(
    `\nServer CPU per event at a fixed offered rate (${COST_SECONDS} s each, ${CONNECTIONS} connections), by thread; for Sluice on PostgreSQL also the database server's processes:`,
  );
  const head = [
    "workload",
    "server",
    "events/s",
    "µs/event",
    "main thread",
    "busiest other thread",
    "other threads",
    "database server",
  ];
  const body = rows.map((r) => [
    r.name,
    r.server,
    fmt(r.eps),
    fmt(r.total, 1),
    fmt(r.main, 1),
    fmt(r.busiest, 1),
    fmt(r.rest, 1),
    r.db ? fmt(r.db, 1) : "-",
  ]);
  printTable(head, body, 2);
  for (const ours of rows.filter((r) => r.server === "sluice")) {
    const minimal = rows.find((r) => r.name === ours.name && r.server === "minimal yardstick");
    if (minimal) {
      const times = fmt(ours.total / minimal.total, 2);
      console.log(`  ${ours.name}: Sluice spends ${times}× the minimal yardstick's CPU per event at this rate`);
    }
  }
}

// ---- report ----
function printResults(rows) {
  const head = [
    "workload",
    "server",
    "req/s",
    "events/s",
    "p50 ms",
    "p99 ms",
    "p99 of 200s",
    "429",
    "other non-200",
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
    fmt(r.okP99, 1),
    String(r.limited),
    String(r.bad),
    r.stored === r.expected ? "ok" : `${r.stored}/${r.expected}`,
    `${fmt(r.cpu * 100)} %`,
    fmt((r.cpu / r.eps) * 1e6),
    `${fmt(r.clientCpu * 100)} %`,
    `${fmt(r.stall * 100)} %`,
    fmt(r.rss),
  ]);
  printTable(head, body, 2);
}

function printVerdict(rows) {
  const find = (name, server, connections) =>
    rows.find((r) => r.name === name && r.server.startsWith(server) && (!connections || r.connections === connections));
  const check = (label, value, target, ok, extra = "") =>
    console.log(
      `  ${label.padEnd(30)}${value.padStart(9)}  target ${target.padEnd(10)}${ok ? "PASS" : "FAIL"}${extra}`,
    );
  console.log("\nSluice / minimal yardstick, same run (2-core machine; the load generator shares the cores):");
  for (const ours of rows.filter((r) => r.server === "sluice" && r.name !== "limited")) {
    const minimal = find(ours.name, "minimal", ours.connections);
    const bare = find(ours.name, "bare (group", ours.connections);
    if (!minimal) continue;
    const ratio = ours.eps / minimal.eps;
    const target = ours.name === "batch" ? TARGETS.batchRatio : TARGETS.singleRatio;
    const judged = ours.name === "track" || ours.connections === 50;
    const detail = `  (${fmt(ours.eps)} / ${fmt(minimal.eps)} events/s${bare ? `; bare ${fmt((ours.eps / bare.eps) * 100)} %` : ""})`;
    const label = `${ours.name} ${ours.connections} conn`;
    if (judged) check(label, `${fmt(ratio * 100)} %`, `>= ${target * 100} %`, ratio >= target, detail);
    else console.log(`  ${label.padEnd(30)}${`${fmt(ratio * 100)} %`.padStart(9)}  (not a target)${detail}`);
  }
  const track = find("track", "sluice");
  if (track) check("track p99 ms", fmt(track.p99, 1), `<= ${TARGETS.singleP99}`, track.p99 <= TARGETS.singleP99);
  const limited = find("limited", "sluice");
  if (limited) {
    const offered = limited.rps + limited.limited / limited.elapsed;
    check(
      "limited: p99 of the 200s ms",
      fmt(limited.okP99, 1),
      `<= ${TARGETS.limitedP99}`,
      limited.okP99 <= TARGETS.limitedP99,
      `  (offered ${fmt(offered / limited.limit, 1)}× the limit: ${fmt(limited.rps)} calls/s let through, ${fmt(limited.limited / limited.elapsed)}/s answered 429)`,
    );
  }
  const rss = Math.max(...rows.filter((r) => r.server === "sluice").map((r) => r.rss));
  check("Sluice peak RSS MB", fmt(rss), `<= ${TARGETS.rssMb}`, rss <= TARGETS.rssMb);
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
    `batch = ${BATCH_SIZE} events/request; single = /v1/track; Sluice (shipped defaults) on ${store.label}, the baselines on SQLite WAL + synchronous=FULL; throwaway files in ${tmp}\n`,
  );
  let ok = false;
  try {
    const servers = [await startSluice(tmp, store)];
    if (process.env.BENCH_YARDSTICK !== "0") servers.push(await startYardstick(tmp));
    if (process.env.BENCH_BARE !== "0") servers.push(await startBare(tmp, "group"));
    const rows = [];
    // Workload by workload, every server back to back: the ratios compare minutes, not the whole run, of a
    // machine that other work shares.
    for (const w of WORKLOADS) {
      for (const s of servers) rows.push(...(await measure(s.server, s.label, s.url, s.writeKey, s.store, [w])));
    }
    const sluiceTrack = rows.find((r) => r.server === "sluice" && r.name === "track");
    if (RUN_LIMITED && sluiceTrack) rows.push(await measureLimited(servers[0], sluiceTrack.rps));
    const costRows = [];
    if (process.env.BENCH_COST !== "0") {
      for (const w of COST_WORKLOADS) for (const s of servers) costRows.push(await measureCost(s, w));
    }
    for (const s of servers) await stop(s.server);
    if (process.env.BENCH_BARE_TX === "1") {
      const single = WORKLOADS.filter((w) => w.name === "track");
      const bare = await startBare(tmp, "tx");
      rows.push(...(await measure(bare.server, bare.label, bare.url, bare.writeKey, bare.store, single)));
      await stop(bare.server);
    }
    const order = ["batch", "track", "limited"];
    rows.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name) || a.connections - b.connections);
    printResults(rows);
    printVerdict(rows);
    if (costRows.length) printCost(costRows);
    console.log(
      "\nminimal yardstick: node:http + JSON.parse + group commit of every call as a row (primary key + unique messageId only) into SQLite WAL, synchronous=FULL. bare: Sluice's Event table and indexes, validation and enrichment, one transaction per batch request; group commit for single calls (tx/request: one fsync per call).",
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
