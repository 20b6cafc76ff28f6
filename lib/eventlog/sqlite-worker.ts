import { Worker } from "node:worker_threads";
import { EVENT_WIDTH } from "./columns";
import { SQLITE_INSERT_SQL, SQLITE_PRUNE_SQL, sqliteParams } from "./sqlite";
import type { EventLogBackend, EventRow, PruneRequest } from "./types";

// SQLite backend on a worker thread: the commit (and its fsync, milliseconds on a real disk) runs off the
// event loop, so requests keep being parsed while a group commits and the next group forms meanwhile.
// The worker's code is inline (eval) so it needs no separate file in Next's bundle; it resolves
// better-sqlite3 from the working directory, the project root for npm scripts, Next and tests. Its SQL is
// sqlite.ts's, interpolated as string literals, so the two SQLite paths cannot drift apart. One message per
// group: the column values flat in one array; the answer is one array of numbers (each row's id, 0 for a
// duplicate), so neither side clones objects.

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
const WIDTH = ${EVENT_WIDTH};
const insert = db.prepare(${JSON.stringify(SQLITE_INSERT_SQL)});
const prune = db.prepare(${JSON.stringify(SQLITE_PRUNE_SQL)});
const write = db.transaction((p, prunes) => {
  const ids = new Float64Array(p.length / WIDTH);
  for (let i = 0, n = 0; i < p.length; i += WIDTH, n++) {
    const info = insert.run(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5], p[i + 6], p[i + 7], p[i + 8], p[i + 9], p[i + 10], p[i + 11]);
    if (info.changes) ids[n] = Number(info.lastInsertRowid);
  }
  for (const x of prunes) prune.run(x.sourceId, x.sourceId, x.keep);
  return ids;
});
const statements = new Map();
parentPort.on("message", (msg) => {
  if (msg.close) { db.close(); parentPort.postMessage({ closed: true }); return; }
  if (msg.run) {
    try {
      let stmt = statements.get(msg.run.sql);
      if (!stmt) statements.set(msg.run.sql, (stmt = db.prepare(msg.run.sql)));
      stmt.run(...msg.run.params);
      parentPort.postMessage({ id: msg.id });
    } catch (err) { parentPort.postMessage({ id: msg.id, error: String((err && err.message) || err) }); }
    return;
  }
  try {
    const ids = write.immediate(msg.params, msg.prunes);
    parentPort.postMessage({ id: msg.id, ids }, [ids.buffer]);
  } catch (err) { parentPort.postMessage({ id: msg.id, error: String((err && err.message) || err) }); }
});
`;

type Reply = { id: number; ids?: Float64Array; error?: string };

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
    async write(rows: EventRow[], prunes: PruneRequest[]): Promise<ArrayLike<number>> {
      const params = sqliteParams(rows);
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        getWorker().postMessage({ id, params, prunes });
      });
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply.ids!;
    },
    async run(sql: string, params: unknown[]): Promise<void> {
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        getWorker().postMessage({ id, run: { sql, params } });
      });
      if (reply.error !== undefined) throw new Error(reply.error);
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
