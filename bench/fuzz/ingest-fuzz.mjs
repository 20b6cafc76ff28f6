// `npm run test:fuzz`: a seeded, bounded fuzzer for ingest against the production server (`node server.js` on
// a throwaway SQLite database; run `npm run build` first). It sends thousands of hostile requests over real
// HTTP (bench/fuzz/cases.mjs) and fails when any answer is a 5xx, the server dies, its RSS passes the bound,
// the events stored before the run change, or the events API and stream stop answering.
// Env: FUZZ_SEED (random; printed, pass it back to replay a run), FUZZ_CASES (5000), FUZZ_SECONDS (60: stop
// sending after this long), FUZZ_CONCURRENCY (8), FUZZ_MAX_RSS_MB (1024), FUZZ_DATABASE_URL=postgresql://…
// (a throwaway database on that server instead of SQLite), FUZZ_KEEP=1 (keep the directory and server log).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { createRandom, nextCase, validCall } from "./cases.mjs";
import { getJson, openStream, send, serialize } from "./wire.mjs";
import { createStore } from "./store.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const { staleBuildReason } = createRequire(import.meta.url)("../../lib/build-fingerprint.cjs");

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : crypto.randomInt(2 ** 31);
const CASES = Number(process.env.FUZZ_CASES ?? 5000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const MAX_RSS_MB = Number(process.env.FUZZ_MAX_RSS_MB ?? 1024);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const failures = [];
const fail = (message) => failures.push(message);

const stale = staleBuildReason(root);
if (stale) {
  console.error(`[fuzz] ${stale}: run \`npm run build\` first (the fuzzer never builds by itself).`);
  process.exit(2);
}
console.log(`[fuzz] seed ${SEED} (FUZZ_SEED=${SEED} replays this run), up to ${CASES} cases in ${SECONDS} s`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-fuzz-"));
const store = await createStore(process.env.FUZZ_DATABASE_URL, dir);
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;
const logFile = path.join(dir, "server.log");
const log = fs.openSync(logFile, "w");
const server = spawn(process.execPath, ["server.js"], {
  cwd: root,
  stdio: ["ignore", log, log],
  env: {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: store.url,
    SLUICE_DATA_DIR: dir,
    NEXTAUTH_SECRET: "fuzz-secret",
    SLUICE_INGEST_RATE_LIMIT: "0",
    SLUICE_RETENTION: "0",
  },
});
let exit;
server.on("exit", (code, signal) => (exit = { code, signal }));
const cleanup = async () => {
  if (exit === undefined) server.kill("SIGKILL");
  await store.close();
  if (process.env.FUZZ_KEEP !== "1") fs.rmSync(dir, { recursive: true, force: true });
};
process.on("SIGINT", () => cleanup().then(() => process.exit(130)));

function rssMb() {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"))[1]) / 1024;
  } catch {
    return NaN;
  }
}

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && exit === undefined) {
    const res = await getJson(base, "/api/health").catch(() => undefined);
    if (res?.status === 200) return true;
    await sleep(250);
  }
  return false;
}

try {
  if (!(await waitForHealth(90_000))) throw new Error(`the server did not start (see ${logFile})`);
  const seed = await store.seed();
  const api = { authorization: `Bearer ${seed.appKey}` };
  const eventsPath = `/api/workspaces/${seed.workspaceId}/events`;
  const keys = { valid: seed.writeKey, disabled: seed.disabledKey };

  // Events stored before fuzzing, through the real ingest path. Accepted ones only: rejected calls are kept
  // for the debugger as the newest 1,000 per source, so the fuzzer's own rejections push older ones out.
  const r0 = createRandom(SEED ^ 0x5eed);
  for (let i = 0; i < 4; i++) {
    const batch = Array.from({ length: 10 }, () => validCall(r0));
    const bytes = serialize(
      {
        method: "POST",
        path: "/v1/batch",
        headers: {
          "content-type": "application/json",
          authorization: `Basic ${Buffer.from(`${keys.valid}:`).toString("base64")}`,
        },
        body: Buffer.from(JSON.stringify({ batch })),
      },
      "127.0.0.1",
    );
    if ((await send({ port, bytes, waitMs: 10_000 })) !== 200) throw new Error("could not store the events to compare");
  }
  const before = await readAll(eventsPath, api);
  const fingerprint = hashEvents(before);
  const lastBefore = before.length ? before[0].id : "0";
  console.log(`[fuzz] ${before.length} events stored before fuzzing (sha256 ${fingerprint.slice(0, 16)}…)`);

  const live = openStream(base, `${eventsPath}/stream`, api);
  const baselineRss = rssMb();
  let peakRss = baselineRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb() || 0)), 200);

  const r = createRandom(SEED);
  const statuses = {};
  const byCategory = {};
  let tried = 0;
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  const worker = async () => {
    while (tried < CASES && Date.now() < deadline && exit === undefined) {
      const c = nextCase(r, keys);
      const n = ++tried;
      const result = await send({ port, bytes: serialize(c, "127.0.0.1"), waitMs: c.endsEarly ? 1_500 : 30_000 });
      statuses[result] = (statuses[result] ?? 0) + 1;
      const cat = (byCategory[c.category] ??= {});
      cat[result] = (cat[result] ?? 0) + 1;
      if (typeof result === "number" && result >= 500) {
        fail(`case ${n} (${c.category} ${c.method ?? ""} ${c.path ?? ""}) answered ${result}`);
      }
      if (result === "no-answer" && !c.endsEarly) fail(`case ${n} (${c.category}) got no answer in 30 s`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  if (exit !== undefined) fail(`the server exited during the run (${JSON.stringify(exit)}; see ${logFile})`);
  if (peakRss > MAX_RSS_MB) fail(`peak RSS ${peakRss.toFixed(0)} MB is over the ${MAX_RSS_MB} MB bound`);

  // Afterwards: the server answers, the old events are unchanged, every page and the stream still work.
  if (!(await waitForHealth(10_000))) fail("GET /api/health does not answer 200 after the run");
  const after = await readAll(`${eventsPath}`, api, String(BigInt(lastBefore) + 1n));
  if (before.some((e) => e.status !== "accepted")) fail("the events stored before fuzzing were not all accepted");
  if (hashEvents(after) !== fingerprint) fail(`the ${before.length} events stored before fuzzing changed`);
  const all = await readAll(eventsPath, api).catch((err) => (fail(`paging the events API failed: ${err.message}`), []));
  for (const q of ["event=Order%20Completed", "q=__proto__", "type=track", "status=rejected", "userId=user-1"]) {
    const res = await getJson(base, `${eventsPath}?${q}&limit=200`, api);
    if (res.status !== 200) fail(`GET events?${q} answered ${res.status}`);
  }
  const replay = openStream(base, `${eventsPath}/stream?lastEventId=${lastBefore}`, api);
  // The replay streams every fuzzed event after the earlier ones: wait for its first (the server may still be
  // busy), a bounded wait, not a speed check.
  for (let waited = 0; replay.events === 0 && !replay.ended && !replay.error && waited < 30_000; waited += 100) {
    await sleep(100);
  }
  for (const [name, s] of [
    ["live", live],
    ["replay", replay],
  ]) {
    if (s.status !== 200 || s.error || s.ended) fail(`the ${name} stream: status ${s.status} ${s.error ?? ""}`);
    if (s.events === 0) fail(`the ${name} stream delivered no events`);
    if (s.bad) fail(`the ${name} stream sent ${s.bad} messages that are not JSON`);
    s.close();
  }
  const logLines = fs.readFileSync(logFile, "utf8").split("\n").length - 1;
  console.log(
    `[fuzz] ${tried} inputs in ${seconds.toFixed(1)} s (${(tried / seconds).toFixed(0)}/s, ${CONCURRENCY} at a time)`,
  );
  console.log(`[fuzz] statuses: ${JSON.stringify(sortKeys(statuses))}`);
  for (const [cat, s] of Object.entries(sortKeys(byCategory)))
    console.log(`[fuzz]   ${cat.padEnd(24)} ${JSON.stringify(s)}`);
  console.log(`[fuzz] events stored now: ${all.length}; live stream delivered ${live.events}, replay ${replay.events}`);
  console.log(
    `[fuzz] server RSS: ${baselineRss.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB (bound ${MAX_RSS_MB} MB); server log: ${logLines} lines`,
  );
} catch (err) {
  fail(err.stack ?? String(err));
} finally {
  await cleanup();
}
if (failures.length) {
  console.error(
    `[fuzz] FAILED (seed ${SEED}):\n  ${failures.slice(0, 20).join("\n  ")}${failures.length > 20 ? `\n  … and ${failures.length - 20} more` : ""}`,
  );
  process.exit(1);
}
console.log(`[fuzz] passed: no 5xx, no crash, RSS bounded, earlier events unchanged, events API and stream fine`);

/** Every event of the workspace, newest first (or those below `before`), page by page through the API. */
async function readAll(eventsPath, headers, before) {
  const events = [];
  let cursor = before;
  for (let page = 0; page < 10_000; page++) {
    const res = await getJson(base, `${eventsPath}?limit=200${cursor ? `&before=${cursor}` : ""}`, headers);
    if (res.status !== 200)
      throw new Error(`GET ${eventsPath} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    events.push(...res.body.events);
    if (!res.body.nextCursor) return events;
    cursor = res.body.nextCursor;
  }
  throw new Error("the events API kept paging");
}

function hashEvents(events) {
  return crypto.createHash("sha256").update(JSON.stringify(events)).digest("hex");
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => String(a).localeCompare(String(b))));
}
