import "server-only";
import { PrismaClient } from "@/lib/generated/pg/client";
import { env } from "@/lib/env";
import { isPostgresUrl, sqlitePath } from "@/lib/db/migrate.mjs";

export type Db = PrismaClient;
export type DbKind = "postgresql" | "sqlite";

export function getDbKind(url = env.databaseUrl): DbKind {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

function createClient(url: string): PrismaClient {
  if (getDbKind(url) === "postgresql") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  // Both generated clients have the same model API; their TypeScript types are nominally different, so the
  // SQLite one is typed as the PostgreSQL one here, once, and nowhere else.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaBetterSqlite3 } =
    require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite = require("@/lib/generated/sqlite/client") as typeof import("@/lib/generated/sqlite/client");
  const adapter = new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 5000 });
  return new sqlite.PrismaClient({ adapter }) as unknown as PrismaClient;
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
