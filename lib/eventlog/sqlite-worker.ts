import { Worker } from "node:worker_threads";
import { collectInserted, columnValues, EVENT_COLUMNS, EVENT_INSERT_TAIL, EVENT_WIDTH } from "./columns";
import { SQLITE_CHUNK, SQLITE_PRUNE_SQL, SQLITE_ROW_PLACEHOLDERS, toSqliteDate } from "./sqlite";
import type { EventLogBackend, EventRow, PruneRequest, StoredEvent } from "./types";

// SQLite backend on a worker thread: the commit (and its fsync, milliseconds on a real disk) runs off the
// event loop, so requests keep being parsed while a group commits and the next group forms meanwhile.
// The worker's code is inline (eval) so it needs no separate file in Next's bundle; it resolves
// better-sqlite3 from the working directory, the project root for npm scripts, Next and tests. Its SQL is
// sqlite.ts's, interpolated as string literals, so the two SQLite paths cannot drift apart.

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
const WIDTH = ${EVENT_WIDTH}, CHUNK = ${SQLITE_CHUNK};
const inserts = new Map();
function insertFor(n) {
  let stmt = inserts.get(n);
  if (!stmt) {
    const values = Array.from({ length: n }, () => ${JSON.stringify(SQLITE_ROW_PLACEHOLDERS)}).join(",");
    stmt = db.prepare(${JSON.stringify(`INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES `)} + values + ${JSON.stringify(EVENT_INSERT_TAIL)});
    inserts.set(n, stmt);
  }
  return stmt;
}
const prune = db.prepare(${JSON.stringify(SQLITE_PRUNE_SQL)});
const write = db.transaction((params, prunes) => {
  const returned = [];
  for (let i = 0; i < params.length; i += WIDTH * CHUNK) {
    const chunk = params.slice(i, i + WIDTH * CHUNK);
    for (const r of insertFor(chunk.length / WIDTH).all(...chunk)) returned.push(r);
  }
  for (const p of prunes) prune.run(p.sourceId, p.sourceId, p.keep);
  return returned;
});
parentPort.on("message", (msg) => {
  if (msg.close) { db.close(); parentPort.postMessage({ closed: true }); return; }
  try { parentPort.postMessage({ id: msg.id, returned: write.immediate(msg.params, msg.prunes) }); }
  catch (err) { parentPort.postMessage({ id: msg.id, error: String((err && err.message) || err) }); }
});
`;

type Reply = { id: number; returned?: { id: number; messageId: string; sourceId: string }[]; error?: string };

export function createSqliteWorkerBackend(file: string): EventLogBackend {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined; // a new worker is started for the next write
  };
  const getWorker = () => {
    if (worker) return worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
    w.on("message", (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      p.resolve(reply);
    });
    w.on("error", (err) => failAll(err));
    w.on("exit", (code) => failAll(new Error(`event log worker exited (${code})`)));
    worker = w;
    return w;
  };

  return {
    async write(rows: EventRow[], prunes: PruneRequest[]): Promise<StoredEvent[]> {
      const params: unknown[] = [];
      for (const r of rows) params.push(...columnValues(r, toSqliteDate));
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        getWorker().postMessage({ id, params, prunes });
      });
      if (reply.error !== undefined) throw new Error(reply.error);
      const inserted: StoredEvent[] = [];
      collectInserted(rows, reply.returned ?? [], inserted);
      return inserted;
    },
    async close() {
      const w = worker;
      if (!w) return;
      worker = undefined;
      w.removeAllListeners("exit");
      await new Promise<void>((resolve) => {
        w.once("message", () => resolve());
        w.postMessage({ close: true });
      });
      await w.terminate();
    },
  };
}
