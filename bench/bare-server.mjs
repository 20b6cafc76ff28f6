// The physical limit for ingest: a bare node:http server doing what Sluice's ingest must do at minimum —
// read the body, JSON.parse, check identity and event, enrich (messageId, timestamps, receivedAt), serialize
// the payload and append it durably to the same Event table (better-sqlite3, WAL, synchronous=FULL, same
// schema and indexes, ON CONFLICT dedup) — before answering 200. Writes run on the main thread.
//   batch calls:  one multi-row INSERT transaction per request (100 rows = one statement).
//   single calls: BARE_SINGLE=group (default) — group commit: every call parsed in one event-loop turn shares
//                 one transaction; BARE_SINGLE=tx — one transaction (one fsync) per request.
// Usage: node bench/bare-server.mjs <sqlite file> <workspaceId> <sourceId> <writeKey>; prints "port <n>".
import http from "node:http";
import crypto from "node:crypto";
import Database from "better-sqlite3";

const [file, workspaceId, sourceId, writeKey] = process.argv.slice(2);
const SINGLE_MODE = process.env.BARE_SINGLE === "tx" ? "tx" : "group";
const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
const COLUMNS = `"workspaceId","sourceId","messageId","type","name","userId","anonymousId","payload","receivedAt","status","reason"`;
const inserts = new Map();
const insertFor = (n) => {
  if (!inserts.has(n)) {
    const values = Array.from({ length: n }, () => "(?,?,?,?,?,?,?,?,?,?,?)").join(",");
    inserts.set(
      n,
      db.prepare(`INSERT INTO "Event" (${COLUMNS}) VALUES ${values} ON CONFLICT ("sourceId","messageId") DO NOTHING`),
    );
  }
  return inserts.get(n);
};
const writeRows = db.transaction((params) => {
  for (let i = 0; i < params.length; i += 1100) {
    const chunk = params.slice(i, i + 1100);
    insertFor(chunk.length / 11).run(chunk);
  }
});

const iso = (v) => {
  if (typeof v !== "string") return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** Validates and enriches one call; pushes its 11 column values. Returns false when invalid. */
function prepare(call, type, receivedAt, batchSentAt, params) {
  if (typeof call !== "object" || call === null) return false;
  if (!call.userId && !call.anonymousId) return false;
  if (type === "track" && typeof call.event !== "string") return false;
  delete call.writeKey;
  call.type = type;
  call.messageId ??= `bare-${crypto.randomUUID()}`;
  const original = iso(call.originalTimestamp) ?? iso(call.timestamp);
  const sentAt = iso(call.sentAt) ?? batchSentAt;
  const ts = original && sentAt ? new Date(receivedAt - (sentAt - original)) : (original ?? receivedAt);
  call.timestamp = ts.toISOString();
  call.receivedAt = receivedAt.toISOString();
  params.push(
    workspaceId,
    sourceId,
    String(call.messageId),
    type,
    type === "track" ? call.event : null,
    call.userId ?? null,
    call.anonymousId ?? null,
    JSON.stringify(call),
    call.receivedAt.replace("Z", "+00:00"),
    "accepted",
    null,
  );
  return true;
}

// Group commit for single calls: collect during one event-loop turn, then one transaction for all.
let queue = [];
function groupAppend(params, done) {
  if (queue.length === 0) setImmediate(flush);
  queue.push({ params, done });
}
function flush() {
  const group = queue;
  queue = [];
  try {
    writeRows(group.flatMap((g) => g.params));
    for (const g of group) g.done(null);
  } catch (err) {
    for (const g of group) g.done(err);
  }
}

const send = (res, status, body) => {
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
};
const OK = JSON.stringify({ success: true });

const server = http.createServer((req, res) => {
  const kind = req.url === "/v1/batch" ? "batch" : req.url === "/v1/track" ? "track" : undefined;
  if (!kind || req.method !== "POST") return send(res, 404, "{}");
  if (req.headers.authorization !== auth) return send(res, 401, "{}");
  const parts = [];
  req.on("data", (c) => parts.push(c));
  req.on("end", () => {
    const receivedAt = new Date();
    let body;
    try {
      body = JSON.parse(Buffer.concat(parts).toString("utf8"));
    } catch {
      return send(res, 400, "{}");
    }
    const params = [];
    if (kind === "batch") {
      const sentAt = iso(body.sentAt);
      for (const item of Array.isArray(body.batch) ? body.batch : []) {
        prepare(item, item?.type ?? "track", receivedAt, sentAt, params);
      }
      try {
        writeRows(params);
      } catch {
        return send(res, 503, "{}");
      }
      return send(res, 200, OK);
    }
    if (!prepare(body, "track", receivedAt, undefined, params)) return send(res, 400, "{}");
    if (SINGLE_MODE === "tx") {
      writeRows(params);
      return send(res, 200, OK);
    }
    groupAppend(params, (err) => send(res, err ? 503 : 200, err ? "{}" : OK));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`port ${server.address().port}`));
process.on("SIGTERM", () => process.exit(0));
