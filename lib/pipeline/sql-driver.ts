import "server-only";
import pg from "pg";
import { isPostgresUrl, sqlitePath } from "@/lib/db/migrate.mjs";
import { env } from "@/lib/env";
import { moduleThread } from "@/lib/module-thread";
import { openDeliveryConnection } from "./sqlite-connection.mjs";

// The worker's own database connection, straight through the drivers (better-sqlite3, pg) rather than Prisma's
// raw-query path, which cost more than the statements themselves on the delivery hot path (profiled: a page's
// outcome write spent most of its time in Prisma's request pipeline and re-preparing each statement). One per
// process and DATABASE_URL, beside Prisma's (which the rest of the app uses):
// - SQLite: one better-sqlite3 connection with its statements cached for the reads and single statements (they
//   take turns through a queue), and a writer thread with a connection of its own for `writeAll`'s transactions
//   (a page's outcomes: their execution was the largest part of the worker's own CPU, now beside the event loop);
//   both opened by sqlite-connection.mjs.
// - PostgreSQL: a small pg pool; timestamps come back as text (readDate reads them as UTC), bigints as text.

/** What a statement runs on: the connection, or an open transaction (the shape of Prisma's raw methods). */
export interface SqlClient {
  /** Runs a statement; resolves with the number of rows it changed. */
  $executeRawUnsafe(sql: string, ...params: unknown[]): Promise<number>;
  /** Runs a query (or a statement with RETURNING); resolves with its rows. */
  $queryRawUnsafe<T = unknown[]>(sql: string, ...params: unknown[]): Promise<T>;
}

/** One compiled statement, for `writeAll`. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** `writeAll`'s first statement changed no row: nothing was written. */
export class NothingChangedError extends Error {}

interface Connection extends SqlClient {
  url: string;
  writeAll(statements: Statement[], isFirstGuard: boolean): Promise<void>;
  /** Runs a query that reads many rows: on SQLite on the writer thread, so that its execution (synchronous in
   *  better-sqlite3) does not hold up the event loop. */
  readOffThread<T>(sql: string, params: unknown[]): Promise<T>;
  close(): Promise<void>;
}

const BUSY_WAIT_LIMIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isBusy = (err: unknown) => /^SQLITE_BUSY/.test(String((err as { code?: unknown })?.code ?? ""));

/** One user of the connection at a time: a transaction from BEGIN to COMMIT, or a single statement. */
class Turns {
  private held = false;
  private readonly waiting: (() => void)[] = [];
  async take(): Promise<void> {
    while (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held = true;
  }
  give() {
    this.held = false;
    this.waiting.shift()?.();
  }
}

const holder = globalThis as unknown as { sluicePipelineSql?: Connection };

type WriterReply = { id: number; nothingChanged?: boolean; rows?: unknown[]; error?: string; code?: string };

function sqliteWriter(file: string) {
  // sqlite-writer-thread.mjs, outside Next's bundle (lib/module-thread.ts)
  const thread = moduleThread<WriterReply>(
    "lib/pipeline/sqlite-writer-thread.mjs",
    { file, busyTimeoutMs: BUSY_WAIT_LIMIT_MS },
    { name: "delivery writer", unrefWhenIdle: true },
  );
  const request = async (message: object): Promise<WriterReply> => {
    const reply = await thread.request(message);
    if (reply.error !== undefined) throw Object.assign(new Error(reply.error), { code: reply.code });
    return reply;
  };
  return {
    async write(statements: Statement[], isFirstGuard: boolean): Promise<void> {
      if ((await request({ statements, guard: isFirstGuard })).nothingChanged) throw new NothingChangedError();
    },
    read: async <T>(sql: string, params: unknown[]): Promise<T> => (await request({ read: { sql, params } })).rows as T,
    close: () => thread.close(),
  };
}

function sqliteConnection(url: string): Connection {
  // busy_timeout 0: see inTurn
  const { db, prepare, run } = openDeliveryConnection(sqlitePath(url), 0);
  const all = <T>(sql: string, params: unknown[]): T => {
    const stmt = prepare(sql);
    if (stmt.reader) return stmt.all(...params) as T;
    stmt.run(...params);
    return [] as T;
  };
  // Statements and transactions take turns on the one connection. When another connection (the event log's
  // thread) holds the write lock, SQLite answers SQLITE_BUSY at once (busy_timeout 0): the turn is given back and
  // taken again after a short sleep, so neither the event loop (a busy_timeout would sleep inside the driver) nor
  // the other statements (reads need no lock in WAL mode) wait for the lock.
  const turns = new Turns();
  const writer = sqliteWriter(sqlitePath(url));
  const inTurn = async <T>(fn: () => T): Promise<T> => {
    for (let waited = 0, ms = 1; ; waited += ms, ms = Math.min(ms * 2, 8)) {
      await turns.take();
      try {
        return fn();
      } catch (err) {
        if (!isBusy(err) || waited >= BUSY_WAIT_LIMIT_MS) throw err;
      } finally {
        turns.give();
      }
      await sleep(ms);
    }
  };
  return {
    url,
    $executeRawUnsafe: (sql, ...params) => inTurn(() => run(sql, params)),
    $queryRawUnsafe: <T>(sql: string, ...params: unknown[]) => inTurn(() => all<T>(sql, params)),
    // On the writer thread: the statements (SQLite's execution of a page is most of its write's CPU) run beside
    // the event loop, and the thread may wait for the write lock inside the driver without blocking anyone.
    writeAll: (statements, isFirstGuard) => writer.write(statements, isFirstGuard),
    readOffThread: (sql, params) => writer.read(sql, params),
    close: async () => {
      await writer.close();
      await turns.take();
      db.close();
    },
  };
}

// TIMESTAMP(3) without a zone holds UTC here: text, not a Date in the process's local time zone.
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 1114 || oid === 1184
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

function postgresConnection(url: string): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: "sluice-delivery",
    types: pgTypes,
  });
  pool.on("error", () => undefined); // an idle client's connection dropped: the pool replaces it
  const client = (c: pg.Pool | pg.PoolClient): SqlClient => ({
    $executeRawUnsafe: async (sql, ...params) => (await c.query(sql, params)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(sql: string, ...params: unknown[]) => (await c.query(sql, params)).rows as T,
  });
  const onPool = client(pool);
  return {
    url,
    ...onPool,
    readOffThread: (sql, params) => onPool.$queryRawUnsafe(sql, ...params),
    async writeAll(statements, isFirstGuard) {
      const c = await pool.connect();
      try {
        // Two round trips, whatever the number of statements: BEGIN and every statement as one simple query
        // (their values inlined), then COMMIT. A round trip costs PostgreSQL more than a page's inserts (measured
        // in the delivery bench: per statement, not per row), and a page's write was 6 of them.
        const results = [await c.query(inlineTransaction(statements))].flat();
        if (isFirstGuard && (results[1]?.rowCount ?? 0) === 0) throw new NothingChangedError();
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * "BEGIN;" and the statements as one text for PostgreSQL's simple query protocol, each `$n` replaced by its value
 * as a quoted literal: the text pg would have sent as the parameter, so the same casts and type inference apply
 * (a quoted literal is of unknown type until its context or cast decides, as an untyped parameter is).
 */
export function inlineTransaction(statements: Statement[]): string {
  const texts = statements.map(({ sql, params }) =>
    sql.replace(/\$(\d+)/g, (_, n: string) => {
      const value = params[Number(n) - 1];
      if (value === null || value === undefined) return "NULL";
      // What sql.ts's encode() binds: text, and numbers and booleans, which pg sends as their text too.
      const type = typeof value;
      if (type !== "string" && type !== "number" && type !== "bigint" && type !== "boolean") {
        throw new TypeError(`writeAll: a ${type} parameter cannot be inlined`);
      }
      return quoteLiteral(String(value));
    }),
  );
  return ["BEGIN", ...texts].join(";\n");
}

/** pg.escapeLiteral's output, by two native replaces instead of its loop over every character (which was most of
 *  the inlining's cost with attempts' request and response bodies). */
function quoteLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes("\\") ? ` E'${quoted.replaceAll("\\", "\\\\")}'` : `'${quoted}'`;
}

/** This process's connection for DATABASE_URL (opened on first use; a changed URL gets a new one). */
export function connection(): Connection {
  const url = env.databaseUrl;
  const current = holder.sluicePipelineSql;
  if (current?.url === url) return current;
  if (current) void current.close().catch(() => undefined);
  const next = isPostgresUrl(url) ? postgresConnection(url) : sqliteConnection(url);
  holder.sluicePipelineSql = next;
  return next;
}

const WRITE_ATTEMPTS = 3;
/** A transaction that failed for a reason that passes: SQLite's lock busy for the whole timeout (say under an fsync
 *  stall), a PostgreSQL serialization failure or deadlock. It was rolled back whole, so it can run again. */
const isTransient = (err: unknown) => isBusy(err) || /^(40001|40P01)$/.test(String((err as { code?: unknown })?.code));

/**
 * Writes `statements` in one transaction on this process's connection; with `isFirstGuard`, a first statement
 * that changes no row (a lease or cursor no longer ours) writes nothing and throws NothingChangedError. A transient
 * failure is tried again (up to WRITE_ATTEMPTS): for a page of outcomes the alternative is to perform its events a
 * second time.
 */
export async function writeAll(statements: Statement[], { isFirstGuard = false } = {}): Promise<void> {
  if (statements.length === 0) return;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connection().writeAll(statements, isFirstGuard);
    } catch (err) {
      if (attempt >= WRITE_ATTEMPTS || !isTransient(err)) throw err;
      await sleep(250 * attempt);
    }
  }
}

/** A client whose queries read off the event loop (Connection.readOffThread); it runs no statements. */
export function offThreadReader(): SqlClient {
  return {
    $queryRawUnsafe: (sql, ...params) => connection().readOffThread(sql, params),
    $executeRawUnsafe: async () => {
      throw new Error("offThreadReader: it only reads");
    },
  };
}

/** The statements `build` would run through a client, compiled but not run (for `writeAll`). */
export async function collectStatements(build: (client: SqlClient) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const collector: SqlClient = {
    $executeRawUnsafe: async (sql, ...params) => (statements.push({ sql, params }), 0),
    $queryRawUnsafe: async () => {
      throw new Error("collectStatements: a query cannot be collected");
    },
  };
  await build(collector);
  return statements;
}

/** Closes the connection (tests; a process that is about to exit). */
export async function closeConnection(): Promise<void> {
  const current = holder.sluicePipelineSql;
  holder.sluicePipelineSql = undefined;
  await current?.close();
}
