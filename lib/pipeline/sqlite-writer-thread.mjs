// @ts-check
import { parentPort, workerData } from "node:worker_threads";
import { openDeliveryConnection } from "./sqlite-connection.mjs";

// The delivery worker's SQLite writer thread (started by sql-driver.ts): its own connection, on which each
// writeAll runs from BEGIN IMMEDIATE to COMMIT in one synchronous run. Nothing awaits inside the transaction, and
// Prisma's connection (synchronous too) waits for the lock in the main thread while this one waits in its own, so
// neither can hold up the other's commit. Messages: { id, statements: [{ sql, params }], guard } — answered
// { id }, { id, nothingChanged } (guard set and the first statement changed no row: rolled back) or
// { id, error, code }; { id, read: { sql, params } } — a query too heavy for the event loop (the ingest metrics'
// window), answered { id, rows }; { close } closes the connection.

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const { db, prepare, run } = openDeliveryConnection(workerData.file, workerData.busyTimeoutMs);

/** @param {{ statements: { sql: string; params: unknown[] }[]; guard: boolean }} msg true: written */
function writeAll(msg) {
  db.exec("BEGIN IMMEDIATE");
  try {
    for (let i = 0; i < msg.statements.length; i++) {
      const st = /** @type {{ sql: string; params: unknown[] }} */ (msg.statements[i]);
      if (run(st.sql, st.params) === 0 && i === 0 && msg.guard) {
        db.exec("ROLLBACK");
        return false;
      }
    }
    db.exec("COMMIT");
    return true;
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw err;
  }
}

port.on("message", (msg) => {
  if (msg.close) {
    db.close();
    port.postMessage({ closed: true });
    return;
  }
  try {
    if (msg.read) {
      port.postMessage({ id: msg.id, rows: prepare(msg.read.sql).all(...msg.read.params) });
      return;
    }
    port.postMessage(writeAll(msg) ? { id: msg.id } : { id: msg.id, nothingChanged: true });
  } catch (err) {
    const e = /** @type {{ message?: string; code?: string }} */ (err);
    port.postMessage({ id: msg.id, error: String(e?.message ?? err), code: e?.code });
  }
});
