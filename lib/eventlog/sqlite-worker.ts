import type { Worker } from "node:worker_threads";
import { startModuleThread } from "@/lib/module-thread";
import { encodeRows } from "./sqlite";
import type { EventLogBackend, EventRow, PruneRequest } from "./types";

// SQLite backend on a worker thread: the commit (and its fsync, milliseconds on a real disk) runs off the event
// loop, so requests keep being parsed while a group commits and the next group forms meanwhile. The thread runs
// sqlite-thread.mjs outside Next's bundle (lib/module-thread.ts). One message per group: the rows as one string; the
// answer one transferred array of numbers (each row's id, 0 for a duplicate), so neither side clones objects.

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
    const w = startModuleThread("lib/eventlog/sqlite-thread.mjs", { file });
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
  const call = async (message: object): Promise<Reply> => {
    const id = nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      getWorker().postMessage({ id, ...message });
    });
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply;
  };
  return {
    async write(rows: EventRow[], prunes: PruneRequest[]): Promise<ArrayLike<number>> {
      return (await call({ rows: encodeRows(rows), prunes })).ids!;
    },
    async run(sql: string, params: unknown[]): Promise<void> {
      await call({ run: { sql, params } });
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
