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
  const adapter = new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 5000 });
  return new SqliteClient({ adapter }) as unknown as PrismaClient;
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
