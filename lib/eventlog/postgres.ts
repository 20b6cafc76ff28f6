import pg from "pg";
import { EVENT_INSERT_TAIL, formatOnce, idsInRowOrder, pushColumnValues } from "./columns";
import { EVENT_INSERT_COLUMNS, EVENT_WIDTH, pruneRejectedSql } from "./schema.mjs";
import type { EventLogBackend, EventRow, PruneRequest, StoredEvent } from "./types";

// PostgreSQL backend: a small pg Pool, multi-row INSERT ... ON CONFLICT DO NOTHING in one transaction.
// Prepared by name per connection, so the plan is parsed once per chunk size. Every process's event commits
// take one advisory lock, so ids become visible in id order across processes, and each commit NOTIFYs its
// highest id and the sources of its accepted events: the live bus (pg-tail.ts) reads the table in id order
// behind those notifications, and a delivery worker wakes the destinations of those sources (lib/pipeline).

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

/** Source ids are cuids; anything else is left out of a notification (its readers then look the sources up). */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NOTIFIED_SOURCES = 100;

/** A commit's NOTIFY payload: "<highest id>" or "<highest id> <source>,<source>…" (its accepted events'
 *  sources, when they are few and plain). Digits, letters, "_", "-", "," and a space: safe inline. */
export function commitNotifyPayload(newest: bigint, acceptedSources: Set<string>): string {
  const sources = [...acceptedSources];
  if (sources.length === 0 || sources.length > MAX_NOTIFIED_SOURCES || !sources.every((s) => PLAIN_ID.test(s)))
    return String(newest);
  return `${newest} ${sources.join(",")}`;
}

/** Reads a commit's NOTIFY payload; null when it is not one. `sourceIds` is absent when the commit did not name
 *  them (too many, or an older process's payload). */
export function parseCommitNotify(payload: string | undefined): { id: bigint; sourceIds?: Set<string> } | null {
  const match = /^(\d+)(?: ([A-Za-z0-9_,-]+))?$/.exec(payload ?? "");
  if (!match) return null;
  return { id: BigInt(match[1]!), sourceIds: match[2] === undefined ? undefined : new Set(match[2].split(",")) };
}

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
        let newest = 0n;
        const acceptedSources = new Set<string>();
        ids.forEach((id, i) => {
          if (id === 0) return; // a duplicate: not stored
          const n = BigInt(id);
          if (n > newest) newest = n;
          if (rows[i]!.status === "accepted") acceptedSources.add(rows[i]!.sourceId);
        });
        // Delivered at commit, in commit order.
        const notify =
          newest > 0n
            ? `SELECT pg_notify('${NOTIFY_CHANNEL}', '${commitNotifyPayload(newest, acceptedSources)}'); `
            : "";
        await client.query(`${notify}COMMIT`);
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
