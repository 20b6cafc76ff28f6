// @ts-check
import { parentPort, workerData } from "node:worker_threads";
import { openSqliteEventLog } from "./sqlite-writer.mjs";

// The SQLite event log's worker thread (started by sqlite-worker.ts): the commit, and its fsync, run off the
// event loop. One message per group — { id, rows: encoded string, prunes } — answered with { id, ids } (a
// transferred Float64Array: each row's id, 0 for a duplicate); { id, run } runs one statement; { close } closes.

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const log = openSqliteEventLog(workerData.file);

port.on("message", (msg) => {
  if (msg.close) {
    log.close();
    port.postMessage({ closed: true });
    return;
  }
  try {
    if (msg.run) {
      log.run(msg.run.sql, msg.run.params);
      port.postMessage({ id: msg.id });
    } else {
      const ids = log.write(msg.rows, msg.prunes);
      port.postMessage({ id: msg.id, ids }, [ids.buffer]);
    }
  } catch (err) {
    port.postMessage({ id: msg.id, error: String((err && /** @type {Error} */ (err).message) || err) });
  }
});
