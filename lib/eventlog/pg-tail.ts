import pg from "pg";
import { NOTIFY_CHANNEL, parseCommitNotify } from "./postgres";
import { EVENT_SELECT_COLUMNS_PG_UTC } from "./schema.mjs";
import type { StoredEvent } from "./types";

// The live bus on PostgreSQL, across processes. Event commits are serialized by an advisory lock and NOTIFY
// their highest id (postgres.ts), so a visible id means every lower id is visible too. Each process LISTENs
// and, while it has subscribers, reads the table past its cursor in id order — only the subscribed
// workspaces' rows, up to the newest committed id — woken by any process's commit (its own without waiting
// for the notification): every process's subscribers see every call once, in id order, which the debugger
// stream's Last-Event-ID logic relies on. Without subscribers only the cursor moves: a new subscriber replays
// what it needs from the database itself, after `ready`.

const PAGE = 1000;
/** The LISTEN connection's application_name, to find it in pg_stat_activity. */
export const LISTENER_NAME = "sluice-live-bus";
const RECONNECT_MS = 1000;
const COLUMNS = EVENT_SELECT_COLUMNS_PG_UTC;
const RANGE = `"id" > $1 AND "id" <= $2`;
const SELECT_ALL = `SELECT ${COLUMNS} FROM "Event" WHERE ${RANGE} ORDER BY "id" LIMIT ${PAGE}`;
const SELECT_WORKSPACES = `SELECT ${COLUMNS} FROM "Event" WHERE ${RANGE} AND "workspaceId" = ANY($3) ORDER BY "id" LIMIT ${PAGE}`;

const SELECT_MAX = `SELECT max("id")::text AS "max" FROM "Event"`;

export interface PostgresTail {
  /** Resolves once the cursor is set: subscribers that read the database after this miss nothing. */
  ready: Promise<void>;
  /** This process committed events up to `newestId`. */
  committed(newestId: bigint): void;
  close(): Promise<void>;
}

export function startPostgresTail(
  connectionString: string,
  bus: { subscribedWorkspaces: () => "all" | string[]; publish: (events: StoredEvent[]) => void },
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

  const hasSubscribers = () => bus.subscribedWorkspaces().length > 0;

  /** A commit up to `newest` (or commits not known) happened somewhere. */
  function wake(newest?: bigint) {
    if (cursor === null || isClosed) return;
    if (newest !== undefined && !hasSubscribers()) {
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
        const { rows: newest } = await pool.query<{ max: string | null }>(SELECT_MAX);
        const upTo = BigInt(newest[0]?.max ?? 0); // committed, and so is every id below it
        // Read after that max: a subscriber not counted here subscribed after it, and its own replay from the
        // database reads what was committed up to it.
        const workspaces = bus.subscribedWorkspaces();
        if (workspaces.length === 0) {
          if (upTo > cursor!) cursor = upTo; // nobody to publish to: skip the backlog
          continue;
        }
        const { rows } =
          workspaces === "all"
            ? await pool.query<StoredEvent>(SELECT_ALL, [String(cursor), String(upTo)])
            : await pool.query<StoredEvent>(SELECT_WORKSPACES, [String(cursor), String(upTo), workspaces]);
        if (rows.length === PAGE) {
          cursor = BigInt(rows[PAGE - 1]!.id);
          readAgain = true;
        } else if (upTo > cursor!) {
          cursor = upTo;
        }
        if (rows.length) bus.publish(rows.map((r) => ({ ...r, id: String(r.id) })));
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
    const client = new pg.Client({ connectionString, application_name: LISTENER_NAME });
    client.on("notification", (n) => wake(parseCommitNotify(n.payload)?.id));
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
    committed: (newestId) => wake(newestId),
    async close() {
      isClosed = true;
      if (retry) clearTimeout(retry);
      markReady();
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
