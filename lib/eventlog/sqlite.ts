import Database from "better-sqlite3";
import { collectInserted, columnValues, EVENT_COLUMNS, EVENT_INSERT_TAIL } from "./columns";
import type { EventLogBackend, EventRow, PruneRequest, StoredEvent } from "./types";

// SQLite backend: one dedicated better-sqlite3 connection, prepared multi-row INSERTs in one IMMEDIATE
// transaction. WAL + synchronous=FULL: a commit is on disk (fsync of the WAL) before it returns.

// Shared with the worker thread's copy of this logic (sqlite-worker.ts), which cannot import it.
export const SQLITE_ROW_PLACEHOLDERS = "(?,?,?,?,?,?,?,?,?,?,?)";
export const SQLITE_CHUNK = 100; // rows per statement: 1,100 parameters, far below SQLite's 32,766
export const SQLITE_PRUNE_SQL = `DELETE FROM "Event" WHERE "sourceId" = ? AND "status" = 'rejected' AND "id" <= (
  SELECT "id" FROM "Event" WHERE "sourceId" = ? AND "status" = 'rejected' ORDER BY "id" DESC LIMIT 1 OFFSET ?)`;

/** Prisma's SQLite adapter stores DateTime as ISO-8601 with an explicit offset; raw writes must match. */
export function toSqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

export function createSqliteBackend(file: string): EventLogBackend {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  const inserts = new Map<number, Database.Statement>();
  const insertFor = (n: number) => {
    let stmt = inserts.get(n);
    if (!stmt) {
      const values = Array.from({ length: n }, () => SQLITE_ROW_PLACEHOLDERS).join(",");
      stmt = db.prepare(`INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES ${values}${EVENT_INSERT_TAIL}`);
      inserts.set(n, stmt);
    }
    return stmt;
  };
  const prune = db.prepare(SQLITE_PRUNE_SQL);

  const writeAll = db.transaction((rows: EventRow[], prunes: PruneRequest[]) => {
    const inserted: StoredEvent[] = [];
    for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
      const chunk = rows.slice(i, i + SQLITE_CHUNK);
      const params: unknown[] = [];
      for (const r of chunk) params.push(...columnValues(r, toSqliteDate));
      const returned = insertFor(chunk.length).all(...params) as { id: number; messageId: string; sourceId: string }[];
      collectInserted(chunk, returned, inserted);
    }
    for (const p of prunes) prune.run(p.sourceId, p.sourceId, p.keep);
    return inserted;
  });

  return {
    async write(rows, prunes) {
      return writeAll.immediate(rows, prunes);
    },
    async close() {
      db.close();
    },
  };
}
