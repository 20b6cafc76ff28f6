// The minimal yardstick for `npm run bench:ingest`: the least a durable ingest server can do, and so the
// number Sluice is measured against. node:http, JSON.parse, every call of a request one row of a table that
// has only its primary key and a unique messageId, group commit (every request parsed in one event-loop turn
// shares one transaction) into SQLite WAL with synchronous=FULL, 200 only after the commit. No validation, no
// enrichment beyond a messageId, no other index, writes on the main thread.
// Usage: node bench/ingest-yardstick.mjs <sqlite file> <writeKey>; prints "port <n>".
import crypto from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";

const [file, writeKey] = process.argv.slice(2);
const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(
  `CREATE TABLE IF NOT EXISTS "Call" ("id" INTEGER PRIMARY KEY, "messageId" TEXT NOT NULL UNIQUE, "payload" TEXT NOT NULL)`,
);
const CHUNK = 500; // rows per statement (1,000 parameters)
const inserts = new Map();
const insertFor = (n) => {
  if (!inserts.has(n)) {
    const values = Array.from({ length: n }, () => "(?,?)").join(",");
    inserts.set(n, db.prepare(`INSERT INTO "Call" ("messageId","payload") VALUES ${values} ON CONFLICT DO NOTHING`));
  }
  return inserts.get(n);
};
const writeAll = db.transaction((params) => {
  for (let i = 0; i < params.length; i += CHUNK * 2) {
    const chunk = params.slice(i, i + CHUNK * 2);
    insertFor(chunk.length / 2).run(chunk);
  }
});

let queue = [];
function flush() {
  const group = queue;
  queue = [];
  let failed = false;
  try {
    writeAll(group.length === 1 ? group[0].params : group.flatMap((g) => g.params));
  } catch {
    failed = true;
  }
  for (const g of group) send(g.res, failed ? 503 : 200, failed ? "{}" : OK);
}

const OK = JSON.stringify({ success: true });
const send = (res, status, body) => {
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
};

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || (req.url !== "/v1/batch" && req.url !== "/v1/track")) return send(res, 404, "{}");
  if (req.headers.authorization !== auth) return send(res, 401, "{}");
  const parts = [];
  req.on("data", (c) => parts.push(c));
  req.on("end", () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(parts).toString("utf8"));
    } catch {
      return send(res, 400, "{}");
    }
    const calls = req.url === "/v1/batch" ? (Array.isArray(body?.batch) ? body.batch : []) : [body];
    const params = [];
    for (const call of calls) {
      if (typeof call !== "object" || call === null) continue;
      call.messageId ??= crypto.randomUUID();
      params.push(String(call.messageId), JSON.stringify(call));
    }
    if (queue.length === 0) setImmediate(flush);
    queue.push({ params, res });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`port ${server.address().port}`));
process.on("SIGTERM", () => process.exit(0));
