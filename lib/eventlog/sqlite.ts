import Database from "better-sqlite3";
import { columnValues } from "./columns";
import type { EventLogBackend, EventRow, PruneRequest, StoredEvent } from "./types";

// SQLite backend: one dedicated better-sqlite3 connection, prepared multi-row INSERTs in one IMMEDIATE
// transaction. WAL + synchronous=FULL: a commit is on disk (fsync of the WAL) before it returns.

const COLUMNS = `"workspaceId","sourceId","messageId","type","name","userId","anonymousId","payload","receivedAt","status","reason"`;
const ROW_PLACEHOLDERS = "(?,?,?,?,?,?,?,?,?,?,?)";
const CHUNK = 100; // rows per statement: 1,100 parameters, far below SQLite's 32,766

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
      const values = Array.from({ length: n }, () => ROW_PLACEHOLDERS).join(",");
      stmt = db.prepare(
        `INSERT INTO "Event" (${COLUMNS}) VALUES ${values} ON CONFLICT ("sourceId","messageId") DO NOTHING RETURNING "id","messageId","sourceId"`,
      );
      inserts.set(n, stmt);
    }
    return stmt;
  };
  const prune = db.prepare(
    `DELETE FROM "Event" WHERE "sourceId" = ? AND "status" = 'rejected' AND "id" <= (
       SELECT "id" FROM "Event" WHERE "sourceId" = ? AND "status" = 'rejected' ORDER BY "id" DESC LIMIT 1 OFFSET ?)`,
  );

  const writeAll = db.transaction((rows: EventRow[], prunes: PruneRequest[]) => {
    const inserted: StoredEvent[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
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

/** Matches RETURNING rows (only the inserted ones) back to the input rows by (sourceId, messageId). */
export function collectInserted(
  chunk: EventRow[],
  returned: { id: number | string; messageId: string; sourceId: string }[],
  into: StoredEvent[],
) {
  if (returned.length === 0) return;
  const byKey = new Map<string, EventRow>();
  for (const r of chunk) {
    const key = `${r.sourceId}\u0000${r.messageId}`;
    if (!byKey.has(key)) byKey.set(key, r); // the first of two duplicates in one statement is the one stored
  }
  for (const ret of returned) {
    const row = byKey.get(`${ret.sourceId}\u0000${ret.messageId}`);
    if (row) into.push({ ...row, id: String(ret.id) });
  }
}
