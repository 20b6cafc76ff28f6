import pg from "pg";
import { EVENT_INSERT_TAIL, formatOnce, idsInRowOrder, pushColumnValues } from "./columns";
import { EVENT_INSERT_COLUMNS, EVENT_WIDTH, pruneRejectedSql } from "./schema.mjs";
import type { EventLogBackend, EventRow, PruneRequest, StoredEvent } from "./types";

// PostgreSQL backend: a small pg Pool, multi-row INSERT ... ON CONFLICT DO NOTHING in one transaction.
// Prepared by name per connection, so the plan is parsed once per chunk size. Every process's event commits
// take one advisory lock, so ids become visible in id order across processes, and each commit NOTIFYs its
// highest id: the live bus (pg-tail.ts) reads the table in id order behind those notifications.

const CHUNK = 500; // rows per statement: 6,000 parameters, below PostgreSQL's 65,535

function insertSql(n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = i * EVENT_WIDTH;
    rows.push(`(${Array.from({ length: EVENT_WIDTH }, (_, j) => `$${base + j + 1}`).join(",")})`);
  }
  return `INSERT INTO "Event" (${EVENT_INSERT_COLUMNS}) VALUES ${rows.join(",")}${EVENT_INSERT_TAIL}`;
}

/** Named (prepared once per connection) for the common sizes only, so a connection keeps few plans. */
function statementName(n: number): string | undefined {
  return n <= 32 || n === CHUNK ? `sluice_event_insert_${n}` : undefined;
}

/** Held from BEGIN to COMMIT: event commits are serialized, so a visible id means every lower id is visible. */
const BEGIN_SQL = "BEGIN; SELECT pg_advisory_xact_lock(727275)";
export const NOTIFY_CHANNEL = "sluice_events";

const PRUNE_SQL = pruneRejectedSql("postgresql");

/** The highest id among `events` (0 for none). */
export function newestEventId(events: StoredEvent[]): bigint {
  return events.reduce((max, e) => (BigInt(e.id) > max ? BigInt(e.id) : max), 0n);
}

export function createPostgresBackend(connectionString: string): EventLogBackend {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on("error", (err) => console.error("[sluice] event log pool error:", err.message));

  return {
    async write(rows: EventRow[], prunes: PruneRequest[]) {
      const client = await pool.connect();
      const ids: (number | string)[] = [];
      // TIMESTAMP(3) without time zone holds UTC (as Prisma writes it); the "Z" is ignored on input.
      const date = formatOnce((d) => d.toISOString());
      try {
        await client.query(BEGIN_SQL);
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK);
          const params: unknown[] = [];
          for (const r of chunk) pushColumnValues(params, r, date);
          const res = await client.query({
            name: statementName(chunk.length),
            text: insertSql(chunk.length),
            values: params,
          });
          for (const id of idsInRowOrder(chunk, res.rows)) ids.push(id);
        }
        for (const p of prunes) await client.query(PRUNE_SQL, [p.sourceId, p.keep]);
        const newest = ids.reduce<bigint>((max, id) => (id !== 0 && BigInt(id) > max ? BigInt(id) : max), 0n);
        // Delivered at commit, in commit order. The id is digits only, so it is safe inline.
        await client.query(newest > 0n ? `SELECT pg_notify('${NOTIFY_CHANNEL}', '${newest}'); COMMIT` : "COMMIT");
        return ids;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
