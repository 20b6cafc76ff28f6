// The yardstick of `npm run bench:pipeline`: the least a delivery loop can do. Per destination, a plain loop
// reads the workspace's accepted events from the database in id order (the same rows Sluice's worker reads)
// and POSTs each stored payload to the destination's receiver over keep-alive connections, `concurrency` at
// a time — no routing, mapping, outcome rows or cursor writes. Env: FWD_DATABASE_URL (file:… or
// postgresql://…), FWD_WORKSPACE_ID, FWD_AFTER_ID (start after this event id), FWD_URLS (comma-separated
// receiver URLs), FWD_CONCURRENCY (10), FWD_POLL_MS (5, the wait when caught up).
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const url = process.env.FWD_DATABASE_URL;
const workspaceId = process.env.FWD_WORKSPACE_ID;
const targets = process.env.FWD_URLS.split(",");
const concurrency = Number(process.env.FWD_CONCURRENCY ?? 10);
const pollMs = Number(process.env.FWD_POLL_MS ?? 5);
const PAGE = 500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const SQL = (p) =>
  `SELECT "id", "payload" FROM "Event" WHERE "workspaceId" = ${p(1)} AND "status" = 'accepted' AND "id" > ${p(2)} ORDER BY "id" LIMIT ${PAGE}`;

let read;
if (url.startsWith("file:")) {
  const db = new Database(url.slice("file:".length), { readonly: true });
  db.pragma("busy_timeout = 5000");
  const stmt = db.prepare(SQL(() => "?"));
  read = async (after) => stmt.all(workspaceId, after);
} else {
  const pool = new pg.Pool({ connectionString: url, max: targets.length });
  read = async (after) =>
    (
      await pool.query(
        SQL((n) => `$${n}`),
        [workspaceId, String(after)],
      )
    ).rows;
}

let errors = 0;
function post(agent, target, body) {
  return new Promise((resolve) => {
    const req = http.request(
      target,
      {
        agent,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", resolve);
      },
    );
    req.on("error", () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

async function forward(target) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let cursor = process.env.FWD_AFTER_ID ?? "0";
  const inflight = new Set();
  for (;;) {
    const rows = await read(cursor);
    if (rows.length === 0) {
      await sleep(pollMs);
      continue;
    }
    for (const row of rows) {
      while (inflight.size >= concurrency) await Promise.race(inflight);
      const p = post(agent, target, row.payload).finally(() => inflight.delete(p));
      inflight.add(p);
      cursor = row.id;
    }
  }
}

setInterval(() => errors && console.log(`errors: ${errors}`), 5000).unref();
console.log("forwarder ready");
await Promise.all(targets.map(forward));
