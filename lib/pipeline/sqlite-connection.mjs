// @ts-check
import Database from "better-sqlite3";

// A delivery worker connection to SQLite (sql-driver.ts's, on the main thread, and the writer thread's,
// sqlite-writer-thread.mjs): WAL, synchronous=NORMAL (a commit survives a crash of the process; one lost to a
// power cut only means its events are delivered again, as the cursor moves in the same transaction), checkpoints
// left to the event log's connection unless this one wrote a lot, and its statements prepared once (a bounded
// cache). Plain JavaScript, so that the thread, run outside Next's bundle, shares it.

export const MAX_CACHED_STATEMENTS = 500;

/**
 * @param {string} file
 * @param {number} busyTimeoutMs how long a statement waits for another connection's write lock, inside the driver
 */
export function openDeliveryConnection(file, busyTimeoutMs) {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000"); // while opening
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 10000");
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  /** @type {Map<string, import("better-sqlite3").Statement>} */
  const statements = new Map();
  /** @param {string} sql */
  const prepare = (sql) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statements.set(sql, (stmt = db.prepare(sql)));
    }
    return stmt;
  };
  return {
    db,
    prepare,
    /**
     * Runs one statement; the rows it changed (or returned, for one with RETURNING).
     * @param {string} sql
     * @param {readonly unknown[]} params
     */
    run(sql, params) {
      const stmt = prepare(sql);
      return stmt.reader ? stmt.all(...params).length : stmt.run(...params).changes;
    },
  };
}
