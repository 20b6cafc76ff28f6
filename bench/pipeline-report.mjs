// The tables `npm run bench:pipeline` prints, Sluice's configurations beside the yardstick's, and how they
// compare with the delivery engine's targets (issue #12). Informational: nothing here fails the run.
import { fmt, printTable, slope } from "./harness.mjs";

const ms = (n) => fmt(n, 1);
const us = ms;
const costTotal = (c) => c.main + c.others + c.web + c.db;

function printCost(results, destinations) {
  const { rate } = results[0].cost;
  console.log(
    `\nCPU per delivery at ${fmt(rate)} events/s × ${destinations} destinations (µs of CPU per delivery, by process and thread, ingest included on both sides: Sluice all-in-one ingests in its delivering process, the yardstick in a web process of its own beside its forwarder):`,
  );
  const yard = results.find((r) => !r.config.sluice);
  printTable(
    [
      "configuration",
      "deliveries",
      "delivering: main",
      "other threads",
      "web (ingest)",
      "PostgreSQL",
      "total",
      "× yardstick",
    ],
    results.map(({ config, cost: c }) => [
      config.label,
      fmt(c.deliveries),
      us(c.main),
      us(c.others),
      c.web ? us(c.web) : "(in main)",
      c.db ? us(c.db) : "",
      us(costTotal(c)),
      yard ? `${fmt(costTotal(c) / costTotal(yard.cost), 2)}×` : "",
    ]),
  );
}

export function printReport(results, { steadyRate, destinations, many }) {
  const demand = steadyRate * destinations;
  console.log(
    `\nLight load, ${fmt(results[0].light.rate)} events/s × ${destinations} destinations: ingest → receiver latency`,
  );
  printTable(
    ["configuration", "deliveries/s", "p50 ms", "p95 ms", "p99 ms"],
    results.map(({ config, light: l }) => [config.label, fmt(l.deliveriesPerSec), ms(l.p50), ms(l.p95), ms(l.p99)]),
  );
  printCost(results, destinations);
  console.log(
    `\nSteady ingest, ${fmt(steadyRate)} events/s × ${destinations} destinations = ${fmt(demand)} deliveries/s asked`,
  );
  printTable(
    [
      "configuration",
      "ingest ev/s",
      "deliveries/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "backlog max",
      "growth/s",
      "drained in",
      "dupes",
      "CPU",
    ],
    results.map(({ config, steady: s }) => [
      config.label,
      fmt(s.ingestRate),
      fmt(s.deliveriesPerSec),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      fmt(Math.max(...s.backlog)),
      fmt(slope(s.backlog)),
      s.drainedIn === null ? `> ${fmt(s.drainLimitSeconds)} s` : `${fmt(s.drainedIn, 1)} s`,
      fmt(s.duplicates),
      `${fmt(s.cpu * 100)} %`,
      `${fmt(s.stall * 100)} %`,
    ]),
  );
  console.log("\nBacklog (deliveries acknowledged by ingest, not yet at their receiver), one sample per second:");
  for (const { config, steady } of results)
    console.log(`  ${config.label.padEnd(34)} ${steady.backlog.map((b) => fmt(b)).join(" ")}`);

  console.log(
    "\nRamp after the steady phase (up while the backlog holds, else down until it holds): ingest events/s → deliveries/s (backlog change per second)",
  );
  for (const { config, ramp } of results) {
    const steps = ramp.steps.map(
      (s) =>
        `${fmt(s.rate)}→${fmt(s.deliveriesPerSec)} (${s.growth >= 0 ? "+" : ""}${fmt(s.growth)}` +
        `${s.skipped ? `; ingest short by ${fmt(s.skipped)} events` : ""})`,
    );
    console.log(`  ${config.label.padEnd(34)} ${steps.join("  ")}`);
  }
  console.log("");
  printTable(
    ["configuration", "max sustained deliveries/s", "peak deliveries/s (saturated or draining)"],
    results.map(({ config, ramp }) => [
      config.label,
      ramp.open ? `≥ ${fmt(ramp.maxSustained)}` : fmt(ramp.maxSustained),
      fmt(ramp.peak),
    ]),
  );

  const withMany = results.filter((r) => r.many);
  if (withMany.length) {
    console.log(`\nWorker memory with ${many} more Webhook destinations configured (another workspace, light load)`);
    printTable(
      [
        "configuration",
        "idle RSS MB",
        "all leased in",
        "RSS MB after",
        "peak RSS MB",
        "delivered / expected",
        "caught up",
      ],
      withMany.map(({ config, many: m }) => [
        config.label,
        m.idleRssMb.map((r) => fmt(r)).join(" + "),
        `${fmt(m.leasedIn, 1)} s`,
        m.rssMb.map((r) => fmt(r)).join(" + "),
        fmt(m.peakRssMb),
        `${fmt(m.delivered)} / ${fmt(m.expected)}`,
        m.caughtUpIn === null ? "no (20 s)" : `${fmt(m.caughtUpIn, 1)} s after ingest stopped`,
      ]),
    );
  }

  const yard = results.find((r) => !r.config.sluice);
  console.log("\nTargets (issue #12), 2-core machine shared by load generator, receivers and servers:");
  const check = (label, value, target, ok) =>
    console.log(`  ${label.padEnd(48)}${value.padStart(12)}  target ${target.padEnd(12)}${ok ? "met" : "NOT met"}`);
  for (const r of results.filter((x) => x.config.sluice)) {
    const s = r.steady;
    console.log(` ${r.config.label}`);
    check("p50 ingest → receiver at 1,000 events/s", `${ms(s.p50)} ms`, "≤ 50 ms", s.p50 <= 50);
    check("p99 ingest → receiver at 1,000 events/s", `${ms(s.p99)} ms`, "≤ 250 ms", s.p99 <= 250);
    const growth = slope(s.backlog);
    check("backlog growth at 1,000 events/s", `${fmt(growth)}/s`, "none", growth <= 0.05 * demand);
    if (yard) {
      const ratio = r.ramp.maxSustained / yard.ramp.maxSustained;
      check("max sustained deliveries/s vs yardstick", `${fmt(ratio * 100)} %`, "≥ 50 %", ratio >= 0.5);
    }
    if (r.many)
      check(`worker RSS with ${many} destinations`, `${fmt(r.many.peakRssMb)} MB`, "≤ 400 MB", r.many.peakRssMb <= 400);
  }
  console.log("");
  for (const r of results) {
    const failed = r.ingestFailed ? `; ${fmt(r.ingestFailed)} events refused by ingest (first: ${r.ingestErrors})` : "";
    console.log(`  ${r.config.label}: ${fmt(r.seconds)} s${failed}`);
  }
  console.log(
    "CPU: the delivering processes' CPU (Sluice's server or workers, or the forwarder), 100 % = one core. CPU stall: share of the time some task waited for a CPU (/proc/pressure/cpu); high values mean the machine was the limit.",
  );
}
