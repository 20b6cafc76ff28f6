// `npm run bench:pipeline`: sustained ingest into a workspace with 3 Webhook destinations whose receivers run in
// another process (bench/pipeline-receivers.mjs), for Sluice's delivery worker and, side by side in the same
// run, for a bare forwarder yardstick (bench/pipeline-forwarder.mjs: the same rows, read in id order and POSTed
// over keep-alive at the same concurrency). Each configuration gets a fresh database and measures:
//   0. Sluice only, first, in fresh processes: a second workspace with 200 Webhook destinations under light
//      load — the worker's RSS (and how long they take to catch up);
//   1. light: 50 events/s — the latency when nothing queues;
//   2. cost: 300 events/s (900 deliveries/s) — the CPU one delivery costs, by process and thread (steadier than
//      throughput on a shared machine; PostgreSQL's own processes included);
//   3. steady: 1,000 events/s (3,000 deliveries/s) — deliveries/s, ingest → receiver latency p50/p95/p99, the
//      backlog every second;
//   4. ramp: ingest rates up or down from there, BENCH_STEP_SECONDS each, to where the backlog starts to grow — the maximum sustained
//      deliveries/s.
// SQLite: Sluice all-in-one (`node server.js`, the worker inside). With BENCH_DATABASE_URL=postgresql://…
// (throwaway databases made there): a web process (SLUICE_WORKER=0) plus 1, then 2, `npm run worker`
// processes. Env: BENCH_SECONDS (15, steady), BENCH_STEP_SECONDS (5), BENCH_COST_RATE (300 events/s), BENCH_COST_SECONDS (8), BENCH_WORKERS (1,2 on PostgreSQL),
// BENCH_KEEP=1 (keep the throwaway folder with the logs, and the PostgreSQL databases), BENCH_CPU_PROF=1 (.cpuprofile files of Sluice's
// delivering processes in that folder; summarize with bench/cpuprofile-top.mjs). Benchmarks measure; they
// assert nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fmt, killAll, root, start, stop, waitForHealth, waitForOutput, freePort } from "./harness.mjs";
import { startIngest } from "./pipeline-ingest.mjs";
import {
  CONCURRENCY,
  costPhase,
  DESTINATIONS,
  MANY,
  STEADY_RATE,
  STEADY_SECONDS,
  STEP_SECONDS,
  lightPhase,
  manyPhase,
  rampPhase,
  steadyPhase,
  waitForLeases,
} from "./pipeline-phases.mjs";
import { printReport } from "./pipeline-report.mjs";
import { postgresStore, sqliteStore } from "./pipeline-store.mjs";

process.chdir(root); // lib/db/migrate.mjs finds prisma/migrations relative to the working directory
const { migrate } = await import("../lib/db/migrate.mjs");
const { createThrowawayPostgres } = await import("../lib/db/throwaway.mjs");
const { staleBuildReason } = createRequire(import.meta.url)("../lib/build-fingerprint.cjs");

const PG_URL = process.env.BENCH_DATABASE_URL;
const PROFILE = process.env.BENCH_CPU_PROF === "1";
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? "1,2").split(",").map(Number);

// ---- the receivers' process: one port per main destination, one shared by the 200 ----
async function startReceivers(tmp) {
  const child = start(
    "receivers",
    ["bench/pipeline-receivers.mjs", String(DESTINATIONS + 1)],
    {},
    path.join(tmp, "receivers.log"),
    { ipc: true },
  );
  const pending = new Map();
  let next = 0;
  const ready = new Promise((resolve) =>
    child.on("message", (m) => (m.ready ? resolve(m.ports) : pending.get(m.id)?.(m))),
  );
  const ask = (cmd) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, (m) => (pending.delete(id), resolve(m)));
      child.send({ cmd, id });
    });
  const ports = await ready;
  return {
    urls: ports.map((p) => `http://127.0.0.1:${p}/hook`),
    reset: () => ask("reset"),
    totals: async () => (await ask("totals")).totals,
    latencies: async () => (await ask("latencies")).latencies,
    child,
  };
}

// ---- one configuration: fresh database, servers, phases ----
async function freshStore(tmp, name) {
  if (!PG_URL) {
    const file = path.join(tmp, `${name}.db`);
    await migrate(`file:${file}`);
    return { store: sqliteStore(file), drop: async () => {} };
  }
  const database = await createThrowawayPostgres(PG_URL, "sluice_bench");
  await migrate(database.url);
  const keep = process.env.BENCH_KEEP === "1";
  if (keep) console.log(`  (BENCH_KEEP=1: database ${database.url} is kept)`);
  return { store: await postgresStore(database.url), drop: () => (keep ? Promise.resolve() : database.drop()) };
}

function serverEnv(tmp, store, extra = {}) {
  return {
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: store.url,
    SLUICE_DATA_DIR: tmp,
    NEXTAUTH_SECRET: "bench",
    SLUICE_INGEST_RATE_LIMIT: "0",
    SLUICE_ADMIN_EMAIL: "bench@example.com",
    SLUICE_ADMIN_PASSWORD: "bench-password-1234",
    SLUICE_ALLOW_PRIVATE_DESTINATIONS: "true",
    SLUICE_WORKER_LEASE_MS: "3000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

// A folder per process: its threads (the event log's, the delivery writer's) write profiles of their own there.
const profileArgs = (tmp, name) => (PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(tmp, "profile", name)}`] : []);

async function startServers(config, tmp, store) {
  const children = [];
  const port = await freePort();
  const allInOne = config.sluice && config.workers === 0;
  const env = serverEnv(tmp, store, { SLUICE_WORKER: allInOne ? "1" : "0" });
  const web = start(
    `${config.key}-web`,
    [...profileArgs(tmp, `${config.key}-web`), "server.js"],
    { ...env, PORT: String(port) },
    path.join(tmp, `${config.key}-web.log`),
  );
  children.push(web);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(web, `${baseUrl}/api/health`);
  const workers = [];
  for (let w = 0; w < (config.sluice ? config.workers : 0); w++) {
    const log = path.join(tmp, `${config.key}-worker${w}.log`);
    const worker = start(
      `${config.key}-worker${w}`,
      [...profileArgs(tmp, `${config.key}-worker${w}`), "server.js", "--worker"],
      env,
      log,
    );
    children.push(worker);
    workers.push(worker);
  }
  for (const worker of workers) await waitForOutput(worker, /delivery worker/);
  return { children, web, baseUrl, deliverers: allInOne ? [web] : workers };
}

async function runConfig(config, tmp, receivers) {
  const began = performance.now();
  const { store, drop } = await freshStore(tmp, config.key);
  let children = [];
  try {
    await receivers.reset();
    const servers = await startServers(config, tmp, store);
    children = servers.children;
    let measured = servers.deliverers;
    let many = null;
    if (config.sluice) {
      console.log(`  ${config.label}: ${MANY} destinations (memory)…`);
      many = await manyPhase(store, receivers, servers.baseUrl, measured, tmp);
    }
    const ids = await store.createWorkspace();
    const targets = receivers.urls.slice(0, DESTINATIONS).map((url, i) => ({ url, name: `Webhook ${i + 1}` }));
    if (config.sluice) await waitForLeases(store, await store.createWebhookDestinations(ids, targets), 60_000);
    else {
      const forwarder = start(
        "forwarder",
        ["bench/pipeline-forwarder.mjs"],
        {
          FWD_DATABASE_URL: store.url,
          FWD_WORKSPACE_ID: ids.workspaceId,
          FWD_AFTER_ID: String(await store.newestEventId(ids.workspaceId)),
          FWD_URLS: targets.map((t) => t.url).join(","),
          FWD_CONCURRENCY: String(CONCURRENCY),
        },
        path.join(tmp, `${config.key}-forwarder.log`),
      );
      children.push(forwarder);
      measured = [forwarder];
      await waitForOutput(forwarder, /forwarder ready/);
    }
    console.log(`  ${config.label}: steady ${fmt(STEADY_RATE)} events/s…`);
    const ingest = startIngest({
      url: servers.baseUrl,
      writeKey: ids.writeKey,
      prefix: `${config.key}-${path.basename(tmp)}`,
    });
    const light = await lightPhase(ingest, receivers);
    const cost = await costPhase(ingest, receivers, {
      delivering: measured,
      web: measured.includes(servers.web) ? null : servers.web,
      dbProcess: store.processName,
    });
    const steady = await steadyPhase(ingest, receivers, measured);
    console.log(`  ${config.label}: ramp…`);
    const ramp = await rampPhase(ingest, receivers, steady);
    await ingest.stop();
    const seconds = (performance.now() - began) / 1000;
    return {
      config,
      light,
      cost,
      steady,
      ramp,
      many,
      seconds,
      ingestErrors: ingest.stats.firstError,
      ingestFailed: ingest.stats.failed,
    };
  } finally {
    await Promise.all(children.map((c) => stop(c, PROFILE ? 15_000 : 5_000)));
    await store.close();
    await drop().catch((err) => console.error(`could not drop the bench database: ${err.message}`));
  }
}

async function main() {
  const stale = staleBuildReason(root);
  if (stale) {
    console.error(`The production build cannot be used as it is (${stale}). Build first: npm run build`);
    process.exit(1);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-bench-pipeline-"));
  const configs = PG_URL
    ? [
        ...WORKER_COUNTS.map((n) => ({
          key: `pg-${n}w`,
          label: `Sluice, PostgreSQL, ${n} worker${n > 1 ? "s" : ""}`,
          sluice: true,
          workers: n,
        })),
        { key: "pg-yard", label: "yardstick, PostgreSQL", sluice: false },
      ]
    : [
        { key: "sqlite", label: "Sluice, SQLite all-in-one", sluice: true, workers: 0 },
        { key: "sqlite-yard", label: "yardstick, SQLite", sluice: false },
      ];
  console.log(
    `pipeline bench: ${DESTINATIONS} webhook destinations, concurrency ${CONCURRENCY} each; steady ${fmt(STEADY_RATE)} events/s for ${STEADY_SECONDS} s; ramp steps ${STEP_SECONDS} s; ${os.cpus().length} CPUs, node ${process.version}; logs in ${tmp}\n`,
  );
  const receivers = await startReceivers(tmp);
  let ok = false;
  try {
    const results = [];
    for (const config of configs) results.push(await runConfig(config, tmp, receivers));
    fs.writeFileSync(path.join(tmp, "results.json"), JSON.stringify(results, null, 1));
    printReport(results, { steadyRate: STEADY_RATE, destinations: DESTINATIONS, many: MANY });
    if (PROFILE)
      console.log(
        "BENCH_CPU_PROF=1: the profiler slows the delivering processes (a run measured p50 64 ms where one without it measured 9 ms): take latencies and rates from a run without it.",
      );
    ok = true;
  } finally {
    killAll();
    if (ok && !PROFILE && process.env.BENCH_KEEP !== "1") fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
}

await main();
