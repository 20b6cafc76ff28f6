import pg from "pg";
import { NOTIFY_CHANNEL } from "./postgres";
import type { EventStatus, StoredEvent } from "./types";

// The live bus on PostgreSQL, across processes. Event commits are serialized by an advisory lock and NOTIFY
// their highest id (postgres.ts), so a visible id means every lower id is visible too. Each process LISTENs
// and, while it has subscribers, reads the table past its cursor in id order, woken by any process's commit
// (its own without waiting for the notification): every process's subscribers see every call once, in id
// order, which the debugger stream's Last-Event-ID logic relies on. Without subscribers only the cursor moves:
// a new subscriber replays what it needs from the database itself, after `ready`.

const PAGE = 1000;
const RECONNECT_MS = 1000;
const SELECT_AFTER = `SELECT "id", "workspaceId", "sourceId", "messageId", "type", "name", "userId", "anonymousId",
  "payload", ("receivedAt" AT TIME ZONE 'UTC') AS "receivedAt", "status", "reason"
  FROM "Event" WHERE "id" > $1 ORDER BY "id" LIMIT ${PAGE}`;

const SELECT_MAX = `SELECT max("id")::text AS "max" FROM "Event"`;

type Row = Omit<StoredEvent, "status"> & { status: EventStatus };

export interface PostgresTail {
  /** Resolves once the cursor is set: subscribers that read the database after this miss nothing. */
  ready: Promise<void>;
  /** This process committed events up to `newestId`. */
  committed(newestId: string): void;
  close(): Promise<void>;
}

export function startPostgresTail(
  connectionString: string,
  bus: { hasSubscribers: () => boolean; publish: (events: StoredEvent[]) => void },
): PostgresTail {
  const pool = new pg.Pool({ connectionString, max: 1 });
  pool.on("error", (err) => console.error("[sluice] live bus pool error:", err.message));
  let listener: pg.Client | null = null;
  let cursor: bigint | null = null;
  let isReading = false;
  let readAgain = false;
  let isClosed = false;
  let retry: NodeJS.Timeout | null = null;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  /** A commit up to `newest` (or commits not known) happened somewhere. */
  function wake(newest?: bigint) {
    if (cursor === null || isClosed) return;
    if (newest !== undefined && !bus.hasSubscribers()) {
      if (newest > cursor) cursor = newest;
      return;
    }
    if (isReading) readAgain = true;
    else void read();
  }

  async function read() {
    isReading = true;
    try {
      do {
        readAgain = false;
        if (!bus.hasSubscribers()) {
          // Nobody to publish to: skip to the newest commit rather than read a backlog nobody wants.
          const { rows } = await pool.query<{ max: string | null }>(SELECT_MAX);
          // A subscriber that arrived meanwhile may have read the database before that max: read instead.
          if (bus.hasSubscribers()) readAgain = true;
          else cursor = BigInt(rows[0]?.max ?? 0);
          continue;
        }
        const { rows } = await pool.query<Row>(SELECT_AFTER, [String(cursor)]);
        if (rows.length === 0) continue;
        cursor = BigInt(rows[rows.length - 1]!.id);
        bus.publish(rows.map((r) => ({ ...r, id: String(r.id) })));
        if (rows.length === PAGE) readAgain = true;
      } while (readAgain && !isClosed);
    } catch (err) {
      if (!isClosed) console.error("[sluice] live bus read failed (retried on the next commit):", err);
    } finally {
      isReading = false;
    }
  }

  function reconnectSoon() {
    if (isClosed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  }

  async function connect() {
    const client = new pg.Client({ connectionString });
    client.on("notification", (n) => wake(n.payload ? BigInt(n.payload) : undefined));
    client.on("error", (err) => console.error("[sluice] live bus connection error:", err.message));
    client.on("end", () => {
      if (listener !== client) return;
      listener = null;
      reconnectSoon();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (isClosed) return void (await client.end());
      listener = client;
      if (cursor === null) {
        // After LISTEN: a commit not yet counted in max(id) notifies, and wake() below catches the rest.
        const { rows } = await pool.query<{ max: string | null }>(SELECT_MAX);
        cursor = BigInt(rows[0]?.max ?? 0);
        markReady();
      }
      wake(); // catch up with commits made while connecting or disconnected
    } catch (err) {
      if (listener === client) listener = null;
      client.end().catch(() => undefined);
      if (isClosed) return;
      console.error("[sluice] live bus could not listen (retrying):", (err as Error).message);
      reconnectSoon();
    }
  }

  void connect();
  return {
    ready,
    committed: (newestId) => wake(BigInt(newestId)),
    async close() {
      isClosed = true;
      if (retry) clearTimeout(retry);
      markReady();
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
