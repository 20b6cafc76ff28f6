import Database from "better-sqlite3";
import { EVENT_COLUMNS, EVENT_WIDTH, formatOnce, pushColumnValues } from "./columns";
import type { EventLogBackend, EventRow, PruneRequest } from "./types";

// SQLite backend: one dedicated better-sqlite3 connection, one IMMEDIATE transaction per group, one prepared
// single-row INSERT run per row (its `changes` says whether it was a duplicate, its rowid is the new id: no
// RETURNING rows to build and match back). WAL + synchronous=FULL: a commit is on disk (fsync of the WAL)
// before it returns.

// Shared with the worker thread's copy of this logic (sqlite-worker.ts), which cannot import it.
export const SQLITE_INSERT_SQL = `INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES (${Array.from({ length: EVENT_WIDTH }, () => "?").join(",")}) ON CONFLICT ("sourceId","messageId") DO NOTHING`;
export const SQLITE_PRUNE_SQL = `DELETE FROM "Event" WHERE "sourceId" = ? AND "status" = 'rejected' AND "id" <= (
  SELECT "id" FROM "Event" WHERE "sourceId" = ? AND "status" = 'rejected' ORDER BY "id" DESC LIMIT 1 OFFSET ?)`;

/** Prisma's SQLite adapter stores DateTime as ISO-8601 with an explicit offset; raw writes must match. */
export function toSqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** The column values of `rows`, flat, in table order. */
export function sqliteParams(rows: EventRow[]): unknown[] {
  const params: unknown[] = [];
  const date = formatOnce(toSqliteDate);
  for (const r of rows) pushColumnValues(params, r, date);
  return params;
}

export function createSqliteBackend(file: string): EventLogBackend {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  const insert = db.prepare(SQLITE_INSERT_SQL);
  const prune = db.prepare(SQLITE_PRUNE_SQL);

  const writeAll = db.transaction((params: unknown[], prunes: PruneRequest[]) => {
    const ids: number[] = [];
    for (let i = 0; i < params.length; i += EVENT_WIDTH) {
      const info = insert.run(params.slice(i, i + EVENT_WIDTH));
      ids.push(info.changes ? Number(info.lastInsertRowid) : 0);
    }
    for (const p of prunes) prune.run(p.sourceId, p.sourceId, p.keep);
    return ids;
  });

  const statements = new Map<string, Database.Statement>();
  return {
    async write(rows, prunes) {
      return writeAll.immediate(sqliteParams(rows), prunes);
    },
    async run(sql, params) {
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      stmt.run(...params);
    },
    async close() {
      db.close();
    },
  };
}
