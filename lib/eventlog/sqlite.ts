import { formatOnce, pushColumnValues } from "./columns";
import { sqliteDate } from "./schema.mjs";
import { encodeValues, openSqliteEventLog } from "./sqlite-writer.mjs";
import type { EventLogBackend, EventRow } from "./types";

// SQLite backend on the main thread (SLUICE_EVENTLOG_SQLITE_WORKER=0): the writer of sqlite-writer.mjs called
// directly. The default runs the same writer on a worker thread (sqlite-worker.ts).

/** The column values of `rows` in table order, as one string for the writer (see sqlite-writer.mjs). */
export function encodeRows(rows: EventRow[]): string {
  const values: unknown[] = [];
  const date = formatOnce(sqliteDate);
  for (const r of rows) pushColumnValues(values, r, date);
  return encodeValues(values);
}

export function createSqliteBackend(file: string): EventLogBackend {
  const log = openSqliteEventLog(file);
  return {
    async write(rows, prunes) {
      return log.write(encodeRows(rows), prunes);
    },
    async run(sql, params) {
      log.run(sql, params);
    },
    async close() {
      log.close();
    },
  };
}
