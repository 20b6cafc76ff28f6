import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// A worker thread running one of the project's plain-JavaScript modules (lib/eventlog/sqlite-thread.mjs,
// lib/pipeline/sqlite-writer-thread.mjs) from the project's directory — server.js's, else the working directory
// (the project root for npm scripts, Next and tests) — outside Next's bundle. The module is imported by URL from a
// one-line evaluated bootstrap: Turbopack rewrites `new Worker(file)` to start a bundled copy of the file (which
// fails to load), but leaves an evaluated one alone.

const holder = globalThis as unknown as { sluiceServer?: { dir?: string } };

/** What a thread answers to a request: the request's id, and an error when it failed. */
export type ThreadReply = { id: number; error?: string };

/**
 * Requests to a module thread, each answered by one message with the request's id. The thread starts with the
 * first request, and again after it died (the requests waiting then fail with why). `unrefWhenIdle`: a thread with
 * nothing to answer does not keep the process alive. `close()` sends `{ close: true }` and waits for the answer.
 */
export function moduleThread<Reply extends ThreadReply>(
  relativePath: string,
  workerData: unknown,
  options: { name: string; unrefWhenIdle?: boolean },
) {
  const file = path.join(holder.sluiceServer?.dir ?? process.cwd(), relativePath);
  const bootstrap = `import(${JSON.stringify(pathToFileURL(file).href)})`;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined; // a new thread is started for the next request
  };
  const getWorker = () => {
    if (worker) return worker;
    const w = new Worker(bootstrap, { eval: true, workerData });
    w.on("message", (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (options.unrefWhenIdle && pending.size === 0) w.unref();
      p.resolve(reply);
    });
    w.on("error", (err) => failAll(err));
    w.on("exit", (code) => failAll(new Error(`the ${options.name} thread exited (${code})`)));
    worker = w;
    return w;
  };
  return {
    /** Sends `message` with a new id; resolves with the thread's answer (which may carry an error). */
    request(message: object): Promise<Reply> {
      const id = nextId++;
      return new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const w = getWorker();
        if (options.unrefWhenIdle) w.ref();
        w.postMessage({ id, ...message });
      });
    },
    async close(): Promise<void> {
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
