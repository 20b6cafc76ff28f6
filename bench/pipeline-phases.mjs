// The measuring phases of `npm run bench:pipeline` (bench/pipeline.mjs): what each configuration is put through.
import path from "node:path";
import {
  commandCpuMs,
  cpuStallUs,
  percentile,
  procStats,
  sleep,
  slope,
  threadCpuMs,
  threadCpuSpent,
} from "./harness.mjs";
import { startIngest } from "./pipeline-ingest.mjs";

export const STEADY_RATE = 1000;
export const STEADY_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
export const WARMUP_SECONDS = 3;
export const LIGHT_RATE = 50;
export const LIGHT_SECONDS = 5;
export const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5);
export const DESTINATIONS = 3;
export const MANY = 200;
export const MANY_RATE = 1; // 200 deliveries/s: the phase measures memory, not throughput
export const DRAIN_MS = 10_000;
export const COST_RATE = Number(process.env.BENCH_COST_RATE ?? 300); // events/s: well inside every configuration's capacity
export const COST_SECONDS = Number(process.env.BENCH_COST_SECONDS ?? 8);
export const CONCURRENCY = 10; // Sluice's default per-destination concurrency (lib/pipeline/options.ts)
export async function waitForLeases(store, destinationIds, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while ((await store.leasedCount(destinationIds)) < destinationIds.length) {
    if (Date.now() > deadline) throw new Error(`the worker did not take up all ${destinationIds.length} destinations`);
    await sleep(250);
  }
}

const unique = (totals, count = DESTINATIONS) => totals.slice(0, count).reduce((n, t) => n + t.unique, 0);
const delivered = (totals, count = DESTINATIONS) => totals.slice(0, count).reduce((n, t) => n + t.delivered, 0);
const cpuOf = (procs) => procs.reduce((s, p) => s + procStats(p.pid).cpuSec, 0);

/** Latency with little load (LIGHT_RATE events/s): what a delivery takes when nothing queues. */
export async function lightPhase(ingest, receivers) {
  ingest.setRate(LIGHT_RATE);
  await sleep(1000);
  await receivers.latencies();
  const u0 = unique(await receivers.totals());
  const t0 = performance.now();
  await sleep(LIGHT_SECONDS * 1000);
  const latencies = (await receivers.latencies()).sort((a, b) => a - b);
  const deliveriesPerSec = (unique(await receivers.totals()) - u0) / ((performance.now() - t0) / 1000);
  return {
    rate: LIGHT_RATE,
    deliveriesPerSec,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
}

/** CPU per delivery at a rate every configuration sustains (COST_RATE events/s): throughput on this shared
 *  machine swings run to run, the CPU a delivery costs much less. Per process, by thread: the delivering
 *  process's main thread and its others, the web process that ingests (when it is another), and PostgreSQL's
 *  own processes (`dbProcess`), which serve both. */
export async function costPhase(ingest, receivers, { delivering, web, dbProcess }) {
  ingest.setRate(COST_RATE);
  await sleep(2000);
  const read = async () => ({
    unique: unique(await receivers.totals()),
    delivering: delivering.map((p) => threadCpuMs(p.pid)),
    web: web ? procStats(web.pid).cpuSec * 1000 : 0,
    db: dbProcess ? commandCpuMs(dbProcess) : 0,
  });
  const before = await read();
  await sleep(COST_SECONDS * 1000);
  const after = await read();
  ingest.setRate(0);
  const deliveries = after.unique - before.unique;
  const us = (ms) => (ms * 1000) / deliveries;
  let main = 0;
  let others = 0;
  delivering.forEach((p, i) => {
    const spent = threadCpuSpent(p.pid, before.delivering[i], after.delivering[i]);
    main += spent.main;
    others += spent.others.reduce((n, ms) => n + ms, 0);
  });
  return {
    rate: COST_RATE,
    deliveries,
    main: us(main),
    others: us(others),
    web: us(after.web - before.web),
    db: us(after.db - before.db),
  };
}

export async function steadyPhase(ingest, receivers, procs) {
  ingest.setRate(STEADY_RATE);
  await sleep(WARMUP_SECONDS * 1000);
  await receivers.latencies(); // drop the warm-up's samples
  const backlog = [];
  const ackedAt0 = ingest.stats.acked;
  const t0 = performance.now();
  const u0 = unique(await receivers.totals());
  const cpu0 = cpuOf(procs);
  const stall0 = cpuStallUs();
  for (let s = 0; s < STEADY_SECONDS; s++) {
    await sleep(1000);
    backlog.push(Math.max(0, ingest.stats.acked * DESTINATIONS - unique(await receivers.totals())));
  }
  const elapsed = (performance.now() - t0) / 1000;
  const totals = await receivers.totals();
  const cpu = (cpuOf(procs) - cpu0) / elapsed;
  const stall = (cpuStallUs() - stall0) / 1e6 / elapsed;
  const latencies = (await receivers.latencies()).sort((a, b) => a - b);
  ingest.setRate(0);
  const drainStart = performance.now();
  let drainedIn = null;
  while (performance.now() - drainStart < DRAIN_MS) {
    await sleep(100);
    if (ingest.stats.acked * DESTINATIONS - unique(await receivers.totals()) <= 0) {
      drainedIn = (performance.now() - drainStart) / 1000;
      break;
    }
  }
  return {
    ingestRate: (ingest.stats.acked - ackedAt0) / elapsed,
    deliveriesPerSec: (unique(totals) - u0) / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    samples: latencies.length,
    backlog,
    drainedIn,
    drainLimitSeconds: DRAIN_MS / 1000,
    duplicates: delivered(totals) - unique(totals),
    cpu,
    stall,
  };
}

const UP = [1500, 2000, 3000, 4000, 6000, 8000];
const REFINE = 2;
const DOWN = [0.9, 0.7, 0.5, 0.35, 0.25]; // of the rate the steady phase's deliveries would sustain

// Growing: the backlog rose by more than 5 % of the demand (and more than a few in-flight requests' worth).
const isGrowing = (growth, demand) => growth > Math.max(0.05 * demand, 40);

async function measureStep(ingest, receivers, rate) {
  ingest.setRate(rate);
  await sleep(1000); // let the rate settle
  const before = await receivers.totals();
  const b0 = ingest.stats.acked * DESTINATIONS - unique(before);
  const [a0, skipped0, t0] = [ingest.stats.acked, ingest.stats.skipped, performance.now()];
  await sleep(STEP_SECONDS * 1000);
  const totals = await receivers.totals();
  const elapsed = (performance.now() - t0) / 1000;
  const b1 = ingest.stats.acked * DESTINATIONS - unique(totals);
  const demand = ((ingest.stats.acked - a0) / elapsed) * DESTINATIONS;
  const growth = (b1 - b0) / elapsed;
  return {
    rate,
    demand,
    deliveriesPerSec: (unique(totals) - unique(before)) / elapsed,
    growth,
    grows: isGrowing(growth, demand),
    skipped: ingest.stats.skipped - skipped0, // ingest itself could not take this rate
  };
}

/** From the steady phase up while the backlog holds, or down from what it delivered until the backlog holds;
 *  then REFINE steps between the highest rate it kept up with and the lowest it did not. */
export async function rampPhase(ingest, receivers, steady) {
  const demand = steady.ingestRate * DESTINATIONS;
  const growth = slope(steady.backlog);
  const first = {
    rate: STEADY_RATE,
    demand,
    deliveriesPerSec: steady.deliveriesPerSec,
    growth,
    grows: isGrowing(growth, demand),
    skipped: 0,
  };
  const steps = [first];
  const capacity = steady.deliveriesPerSec / DESTINATIONS;
  const rates = first.grows ? DOWN.map((f) => Math.max(10, Math.round((capacity * f) / 10) * 10)) : UP;
  for (const rate of rates) {
    const step = await measureStep(ingest, receivers, rate);
    steps.push(step);
    if (step.grows !== first.grows) break;
  }
  for (let i = 0; i < REFINE; i++) {
    const lo = Math.max(0, ...steps.filter((s) => !s.grows).map((s) => s.rate));
    const hi = Math.min(...steps.filter((s) => s.grows).map((s) => s.rate));
    if (!lo || !Number.isFinite(hi) || hi / lo < 1.3) break;
    steps.push(await measureStep(ingest, receivers, Math.round(Math.sqrt(lo * hi) / 10) * 10));
  }
  ingest.setRate(0);
  const sustained = steps.filter((s) => !s.grows);
  return {
    steps: steps.slice(1),
    // The highest demand it kept up with (what it delivered there may be more: a backlog draining).
    maxSustained: sustained.length ? Math.max(...sustained.map((s) => Math.min(s.demand, s.deliveriesPerSec))) : 0,
    // The most it delivered in any step: its capacity when saturated or draining a backlog.
    peak: Math.max(...steps.map((s) => s.deliveriesPerSec)),
    open: steps.every((s) => !s.grows), // the highest step did not saturate it: the maximum is higher
  };
}

/** Memory first, in fresh processes: idle, then with MANY more destinations leased and lightly used; those are
 *  disabled afterwards so the throughput phases run as if they were not there. */
export async function manyPhase(store, receivers, baseUrl, procs, tmp) {
  const idleRssMb = procs.map((p) => procStats(p.pid).rssMb);
  const ids = await store.createWorkspace();
  const targets = Array.from({ length: MANY }, (_, i) => ({
    url: `${receivers.urls[DESTINATIONS]}?d=${i}`,
    name: `Many ${i}`,
  }));
  const destinationIds = await store.createWebhookDestinations(ids, targets);
  const t0 = performance.now();
  await waitForLeases(store, destinationIds, 90_000);
  const leasedIn = (performance.now() - t0) / 1000;
  const ingest = startIngest({
    url: baseUrl,
    writeKey: ids.writeKey,
    prefix: `many-${path.basename(tmp)}`,
    rate: MANY_RATE,
  });
  let peak = 0;
  const sample = () => (peak = Math.max(peak, ...procs.map((p) => procStats(p.pid).rssMb)));
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    sample();
  }
  await ingest.stop();
  // Then until every delivery arrived (or 20 s): how long 200 destinations take to catch up.
  const expected = ingest.stats.acked * MANY;
  const t1 = performance.now();
  let totals = await receivers.totals();
  while (totals[DESTINATIONS].unique < expected && performance.now() - t1 < 20_000) {
    await sleep(250);
    sample();
    totals = await receivers.totals();
  }
  sample();
  const result = {
    leasedIn,
    idleRssMb,
    peakRssMb: peak,
    rssMb: procs.map((p) => procStats(p.pid).rssMb),
    delivered: totals[DESTINATIONS].unique,
    expected,
    caughtUpIn: totals[DESTINATIONS].unique >= expected ? (performance.now() - t1) / 1000 : null,
  };
  await store.disableDestinations(destinationIds);
  return result;
}
