import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/pg/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { env } from "@/lib/env";
import { isPostgresUrl, sqlitePath } from "@/lib/db/migrate.mjs";

export type Db = PrismaClient;
export type DbKind = "postgresql" | "sqlite";

export function getDbKind(url = env.databaseUrl): DbKind {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

function createClient(url: string): PrismaClient {
  if (getDbKind(url) === "postgresql") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  // Both generated clients have the same model API but nominally different TypeScript types: the SQLite one
  // is typed as the PostgreSQL one here, once, and nowhere else.
  return new SqliteClient({
    adapter: immediateTransactions(new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 5000 })),
  }) as unknown as PrismaClient;
}

type Connection = { client?: { prepare: (sql: string) => unknown } };

/**
 * Prisma's SQLite adapter opens transactions with a deferred BEGIN: one that reads, then writes after another
 * connection (the event log's or the delivery worker's thread) committed, fails at once with SQLITE_BUSY_SNAPSHOT
 * ("Operation has timed out" — a people-store call under load answered 500). BEGIN IMMEDIATE takes the write lock
 * first, waiting for it like any write; Prisma already runs one transaction at a time per connection.
 */
function immediateTransactions(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as Connection).client;
    if (!client) throw new Error("Prisma's SQLite adapter changed: it has no `client` to open transactions with");
    const prepare = client.prepare.bind(client);
    client.prepare = (sql) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
}

const cache = globalThis as unknown as { sluiceDb?: PrismaClient };

/** The Prisma client for DATABASE_URL, created on first use (`next build` imports routes without a database). */
export function getDb(): PrismaClient {
  return (cache.sluiceDb ??= createClient(env.databaseUrl));
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
