// `node bench/people.mjs`: the built-in Journeys people store at BENCH_PEOPLE (1,000,000) people, on SQLite, in
// Sluice's production server (`node server.js`, the worker inside), each figure beside its yardstick from the
// same run:
//   A. Track API v2 batches (identify an existing person + one event each, 100 operations a request) — people
//      store operations/s; yardstick: the same reads and writes by better-sqlite3 in one process, no HTTP, no ORM.
//   B. identify + track calls through ingest → the delivery worker → the Customer.io Journeys destination
//      (Segment's customerio definition, in-process to the Track API) → the store — calls/s end to end.
//   C. People search latency through the management API (p50 / p95 ms); yardstick: the same SQL statement by
//      better-sqlite3 in the bench process.
// Env: BENCH_PEOPLE, BENCH_SECONDS (10, phase A), BENCH_CALLS (10,000 identify + as many track, phase B),
// BENCH_KEEP=1 (keep the throwaway folder). Benchmarks measure; they assert nothing. The machine is shared: read
// ratios, not absolute numbers.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { fmt, freePort, killAll, percentile, printTable, root, sleep, start, stop, waitForHealth } from "./harness.mjs";

process.chdir(root);
const { migrate } = await import("../lib/db/migrate.mjs");

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const CONCURRENCY = 4;
const BATCH = 100;
const CITIES = ["Oslo", "Rome", "Lima", "Pune", "Kyiv", "Quito", "Accra", "Hanoi", "Perth", "Berlin"];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-bench-people-"));
const file = path.join(tmp, "sluice.db");
const url = `file:${file}`;
const iso = (d) => d.toISOString().replace("Z", "+00:00");
const hash = (t) => crypto.createHash("sha256").update(t).digest("hex");

// ---- seed: a workspace, a full-access App API key, and PEOPLE people (what identify would have left) ----
await migrate(url);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 10000");
const ws = `bench_ws_${crypto.randomBytes(6).toString("hex")}`;
const appKey = `sk_bench_${crypto.randomBytes(16).toString("hex")}`;
db.prepare(`INSERT INTO "Workspace" ("id","name","createdAt","updatedAt") VALUES (?,?,?,?)`).run(
  ws,
  "Bench",
  iso(new Date()),
  iso(new Date()),
);
db.prepare(`INSERT INTO "WorkspaceSettings" ("workspaceId","updatedAt") VALUES (?,?)`).run(ws, iso(new Date()));
db.prepare(
  `INSERT INTO "AppApiKey" ("id","workspaceId","name","prefix","hash","scope","createdAt") VALUES (?,?,?,?,?,?,?)`,
).run(`bench_key`, ws, "bench", appKey.slice(0, 12), hash(appKey), "full", iso(new Date()));

const insert = db.prepare(
  `INSERT INTO "Person" ("id","workspaceId","externalId","email","cioId","attributes","attributeTimes","searchText","lastSeenAt","createdAt","updatedAt")
   VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
);
const t0 = Date.now();
const seedStarted = performance.now();
const seedMany = db.transaction((from, to) => {
  for (let i = from; i < to; i++) {
    const city = CITIES[i % CITIES.length];
    const plan = i % 3 ? "free" : "pro";
    const attributes = { email: `user-${i}@example.com`, plan, city, ...(i % 10_000 === 7 && { vip: true }) };
    const at = iso(new Date(t0 - (PEOPLE - i) * 1000));
    const search =
      `\u0001user-${i}\u0001user-${i}@example.com\u0001${attributes.email}\u0001${plan}\u0001${city}\u0001`.toLowerCase();
    insert.run(
      `bp${i}`,
      ws,
      `user-${i}`,
      `user-${i}@example.com`,
      i.toString(16),
      JSON.stringify(attributes),
      "{}",
      search,
      at,
      at,
      at,
    );
  }
});
for (let i = 0; i < PEOPLE; i += 20_000) seedMany(i, Math.min(PEOPLE, i + 20_000));
const seedSeconds = (performance.now() - seedStarted) / 1000;
console.log(
  `seeded ${fmt(PEOPLE)} people in ${fmt(seedSeconds, 1)} s (${fmt(PEOPLE / seedSeconds)} rows/s, bare SQLite)`,
);

// ---- Sluice ----
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = start(
  "sluice",
  ["server.js"],
  {
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: url,
    SLUICE_DATA_DIR: tmp,
    NEXTAUTH_SECRET: "bench",
    SLUICE_ENCRYPTION_KEY: "bench-encryption",
  },
  path.join(tmp, "sluice.log"),
);
await waitForHealth(server, `${base}/api/health`, 300_000);

const api = async (method, p, body) => {
  const res = await fetch(`${base}/api/workspaces/${ws}${p}`, {
    method,
    headers: { authorization: `Bearer ${appKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
};
const key = await api("POST", "/tracking-keys", { name: "Bench" });
const source = await api("POST", "/sources", { type: "nodejs", name: "Bench server" });
await api("POST", "/destinations", {
  slug: "customerio",
  name: "Customer.io Journeys",
  settings: { siteId: key.siteId, apiKey: key.apiKey, accountRegion: "sluice" },
  sourceIds: [source.id],
});
const trackAuth = `Basic ${Buffer.from(`${key.siteId}:${key.apiKey}`).toString("base64")}`;

// ---- A. Track API v2 batches ----
const randomUser = () => Math.floor(Math.random() * PEOPLE);
function trackBatch(n) {
  const batch = [];
  for (let i = 0; i < n / 2; i++) {
    const u = randomUser();
    batch.push({
      type: "person",
      action: "identify",
      identifiers: { id: `user-${u}` },
      attributes: { score: Math.random() },
    });
    batch.push({
      type: "person",
      action: "event",
      identifiers: { id: `user-${u}` },
      name: "Bench Event",
      id: crypto.randomUUID(),
      attributes: { n: i },
    });
  }
  return batch;
}
let opsA = 0;
const endA = performance.now() + SECONDS * 1000;
const startedA = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < endA) {
      const res = await fetch(`${base}/api/v2/batch`, {
        method: "POST",
        headers: { authorization: trackAuth, "content-type": "application/json" },
        body: JSON.stringify({ batch: trackBatch(BATCH) }),
      });
      if (res.status !== 200) throw new Error(`Track API answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      opsA += BATCH;
    }
  }),
);
const rateA = opsA / ((performance.now() - startedA) / 1000);

// ---- B. through ingest and the Journeys destination ----
const eventsBefore = db.prepare(`SELECT COUNT(*) AS n FROM "PersonEvent" WHERE "workspaceId" = ?`).get(ws).n;
const peopleBefore = db.prepare(`SELECT COUNT(*) AS n FROM "Person" WHERE "workspaceId" = ?`).get(ws).n;
const ingestAuth = `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`;
const startedB = performance.now();
for (let i = 0; i < CALLS; i += BATCH / 2) {
  const batch = [];
  for (let j = i; j < Math.min(CALLS, i + BATCH / 2); j++) {
    batch.push({ type: "identify", userId: `new-${j}`, traits: { email: `new-${j}@example.com`, plan: "trial" } });
    batch.push({ type: "track", userId: `new-${j}`, event: "Signed Up", properties: { j } });
  }
  const res = await fetch(`${base}/v1/batch`, {
    method: "POST",
    headers: { authorization: ingestAuth, "content-type": "application/json" },
    body: JSON.stringify({ batch }),
  });
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
}
const ingestedB = performance.now();
const countEvents = db.prepare(`SELECT COUNT(*) AS n FROM "PersonEvent" WHERE "workspaceId" = ?`);
const countPeople = db.prepare(`SELECT COUNT(*) AS n FROM "Person" WHERE "workspaceId" = ?`);
const deadline = Date.now() + 600_000;
for (;;) {
  const events = countEvents.get(ws).n - eventsBefore;
  const people = countPeople.get(ws).n - peopleBefore;
  if (events >= CALLS && people >= CALLS) break;
  if (Date.now() > deadline) throw new Error(`phase B: only ${events} events and ${people} people after 10 minutes`);
  await sleep(200);
}
const secondsB = (performance.now() - startedB) / 1000;
const rateB = (2 * CALLS) / secondsB;

// ---- C. People search ----
const queries = [
  ["first page, no filter", {}],
  ["search an exact id", { search: `user-${Math.floor(PEOPLE * 0.77)}` }],
  ["search part of an id", { search: `user-${Math.floor(PEOPLE / 1000)}1` }],
  ["search an attribute value", { search: "berlin" }],
  ["has attribute (rare)", { has: "vip" }],
  ["attribute equals", { attr: "plan", value: "pro" }],
];
const sqlFor = (q) => {
  const where = [`"workspaceId" = ?`];
  const params = [ws];
  if (q.search) {
    where.push(`"searchText" LIKE ? ESCAPE '\\'`);
    params.push(`%${q.search.toLowerCase()}%`);
  }
  if (q.has) {
    where.push(`json_type("attributes", ?) IS NOT NULL`);
    params.push(`$."${q.has}"`);
  }
  if (q.attr) {
    where.push(`CAST(json_extract("attributes", ?) AS TEXT) = ?`);
    params.push(`$."${q.attr}"`, q.value);
  }
  const w = where.join(" AND ");
  return [
    [
      db.prepare(
        `SELECT "id","externalId","email","cioId","attributes","createdAt","lastSeenAt" FROM "Person" WHERE ${w} ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
      ),
      params,
    ],
    [db.prepare(`SELECT COUNT(*) FROM "Person" WHERE "workspaceId" = ?`), [ws]],
    // The same capped count as Sluice's (lib/data/people.ts: up to 10,001).
    ...(where.length > 1
      ? [[db.prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM "Person" WHERE ${w} LIMIT 10001)`), params]]
      : []),
  ];
};
const RUNS = 9;
const rowsC = [];
for (const [label, q] of queries) {
  const apiMs = [];
  const bareMs = [];
  let matching = null;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const page = await api("GET", `/people?${new URLSearchParams(q)}`);
    apiMs.push(performance.now() - t);
    matching = page.matching ?? page.total;
    const b = performance.now();
    for (const [stmt, params] of sqlFor(q)) stmt.all(...params);
    bareMs.push(performance.now() - b);
  }
  apiMs.sort((a, b) => a - b);
  bareMs.sort((a, b) => a - b);
  rowsC.push([
    label,
    fmt(matching),
    fmt(percentile(apiMs, 0.5), 1),
    fmt(percentile(apiMs, 0.95), 1),
    fmt(percentile(bareMs, 0.5), 1),
  ]);
}
await stop(server);

// ---- yardstick for A: the same reads and writes, bare ----
const find = db.prepare(`SELECT "id","attributes" FROM "Person" WHERE "workspaceId" = ? AND "externalId" = ?`);
const update = db.prepare(`UPDATE "Person" SET "attributes" = ?, "lastSeenAt" = ?, "updatedAt" = ? WHERE "id" = ?`);
const seen = db.prepare(`SELECT "id" FROM "PersonEvent" WHERE "workspaceId" = ? AND "eventId" = ?`);
const addEvent = db.prepare(
  `INSERT INTO "PersonEvent" ("workspaceId","personId","eventId","type","name","data","timestamp","receivedAt") VALUES (?,?,?,?,?,?,?,?)`,
);
const bareBatch = db.transaction((batch) => {
  for (const op of batch) {
    const p = find.get(ws, op.identifiers.id);
    const now = iso(new Date());
    if (op.action === "identify")
      update.run(JSON.stringify({ ...JSON.parse(p.attributes), ...op.attributes }), now, now, p.id);
    else if (!seen.get(ws, op.id))
      addEvent.run(ws, p.id, op.id, "event", op.name, JSON.stringify(op.attributes), now, now);
  }
});
let opsBare = 0;
const startedBare = performance.now();
while (performance.now() - startedBare < SECONDS * 1000) {
  bareBatch(trackBatch(BATCH));
  opsBare += BATCH;
}
const rateBare = opsBare / ((performance.now() - startedBare) / 1000);
db.close();

console.log(
  `\nPeople store at ${fmt(PEOPLE)} people, SQLite (other work was running on this machine: compare ratios)\n`,
);
printTable(
  ["A. identify + event operations", "Sluice Track API (ops/s)", "bare SQLite (ops/s)", "Sluice / bare"],
  [["v2 batch of 100, 4 concurrent", fmt(rateA), fmt(rateBare), `${fmt((100 * rateA) / rateBare, 1)} %`]],
);
console.log("");
printTable(
  ["B. through the Journeys destination", "calls", "seconds", "calls/s", "of which ingest (s)"],
  [
    [
      "identify + track, ingest → worker → store",
      fmt(2 * CALLS),
      fmt(secondsB, 1),
      fmt(rateB),
      fmt((ingestedB - startedB) / 1000, 1),
    ],
  ],
);
console.log("");
printTable(["C. People search (management API)", "matching", "p50 ms", "p95 ms", "bare SQL p50 ms"], rowsC);
if (process.env.BENCH_KEEP === "1") console.log(`\nkept ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
killAll();
