import "server-only";
import { getDbKind } from "@/lib/db";
import { formatOnce } from "@/lib/eventlog/columns";
import { sqliteDate } from "@/lib/eventlog/schema.mjs";
import { connection, type SqlClient } from "./sql-driver";

// The worker's raw SQL (the hot path: Prisma's query builder costs about 1 ms per operation here) written once
// for both databases: a statement collects its parameters with their types, and each database gets its
// placeholders, casts and value encodings (PostgreSQL: TIMESTAMP(3) holding UTC, bigint as text; SQLite:
// Prisma's date text, 0/1 booleans, integers as BigInt). Statements run on the worker's own driver connection
// (sql-driver.ts); `writeAll()` there writes a list of them in one transaction.

export { collectStatements, NothingChangedError, offThreadReader, writeAll, type SqlClient } from "./sql-driver";

export type SqlType = "text" | "bigint" | "int" | "bool" | "ts";

const PG_CAST: Record<SqlType, string> = {
  text: "::text",
  bigint: "::bigint",
  int: "::int",
  bool: "::boolean",
  ts: "::timestamp(3)",
};

// The database kind, read once per process (DATABASE_URL does not change under a running process).
let kind: { url: string; isPg: boolean } | null = null;
function isPostgres(): boolean {
  const url = process.env.DATABASE_URL ?? "";
  if (kind?.url !== url) kind = { url, isPg: getDbKind() === "postgresql" };
  return kind.isPg;
}

export class Sql {
  private readonly values: unknown[] = [];
  readonly isPg = isPostgres();

  private readonly inTextOrder: boolean;

  /** `inTextOrder`: the caller binds every value where it appears, left to right (as one template literal
   *  does), so SQLite's placeholders can be final `?`s — a page's outcome rows skip the reordering below. */
  constructor(options: { inTextOrder?: boolean } = {}) {
    this.inTextOrder = options.inTextOrder ?? false;
  }

  /** Binds a value and returns its placeholder. PostgreSQL's are numbered ($n) and final; SQLite's are
   *  positional, so they are markers that query()/execute() turn into `?` in text order (a statement may then
   *  bind in any order and use a value twice), or `?` at once when bound in text order. */
  v(value: unknown, type: SqlType = "text"): string {
    this.values.push(encode(value, type, this.isPg));
    if (this.isPg) return `$${this.values.length}${PG_CAST[type]}`;
    return this.inTextOrder ? "?" : `\u0000${this.values.length - 1}\u0000`;
  }

  /** Placeholders for a list (IN (...)). */
  list(values: unknown[], type: SqlType = "text"): string {
    return values.map((x) => this.v(x, type)).join(",");
  }

  private compile(text: string): [string, unknown[]] {
    if (this.isPg || this.inTextOrder) return [text, this.values];
    const parts = text.split("\u0000"); // text, marker, text, marker, …, text
    const params: unknown[] = [];
    for (let i = 1; i < parts.length; i += 2) {
      params.push(this.values[Number(parts[i])]);
      parts[i] = "?";
    }
    return [parts.join(""), params];
  }

  query<T>(text: string, client: SqlClient = connection()): Promise<T[]> {
    const [sql, params] = this.compile(text);
    return client.$queryRawUnsafe<T[]>(sql, ...params);
  }

  /** Runs the statement on the connection or in a transaction (`client`); resolves with the rows changed. */
  execute(text: string, client: SqlClient = connection()): Promise<number> {
    const [sql, params] = this.compile(text);
    return client.$executeRawUnsafe(sql, ...params);
  }
}

// A page's outcome rows bind the same Date (its now, a perform's start) several times over: formatted once.
const pgTime = formatOnce((d) => d.toISOString());
const sqliteTime = formatOnce(sqliteDate);

function encode(value: unknown, type: SqlType, isPg: boolean): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "ts": {
      const date = value instanceof Date ? value : new Date(value as string);
      return isPg ? pgTime(date) : sqliteTime(date);
    }
    case "bigint":
      // SQLite binds a JS number as REAL (LIMIT refuses it): integers go as BigInt.
      return isPg ? String(value) : BigInt(value as number | string | bigint);
    case "bool":
      return isPg ? Boolean(value) : value ? 1 : 0;
    case "int":
      return isPg ? Math.round(Number(value)) : BigInt(Math.round(Number(value)));
    default:
      return String(value);
  }
}

/** A date column as read back by a raw query (a Date, or text on some drivers; PostgreSQL's has no zone). */
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

export function readBigInt(value: unknown): bigint {
  return typeof value === "bigint" ? value : BigInt(value as number | string);
}
