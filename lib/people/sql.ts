import "server-only";
import { db, getDbKind } from "@/lib/db";

// Raw SQL for the People list (JSON attribute filters differ per database; Prisma has no portable form):
// parameters bound in order, PostgreSQL's numbered, SQLite's positional; dates as each database stores them.

export class PeopleSql {
  readonly isPg = getDbKind() === "postgresql";
  private readonly values: unknown[] = [];

  p(value: unknown): string {
    this.values.push(value);
    return this.isPg ? `$${this.values.length}` : "?";
  }

  date(d: Date): string {
    if (this.isPg) return `${this.p(d.toISOString())}::timestamp(3)`;
    return this.p(d.toISOString().replace("Z", "+00:00"));
  }

  /** The attribute's value as text (a JSON string's content, a number's digits). */
  attribute(key: string): string {
    if (this.isPg) return `("attributes"::jsonb ->> ${this.p(key)})`;
    return `CAST(json_extract("attributes", ${this.p(jsonPath(key))}) AS TEXT)`;
  }

  hasAttribute(key: string): string {
    if (this.isPg) return `jsonb_exists("attributes"::jsonb, ${this.p(key)})`;
    return `json_type("attributes", ${this.p(jsonPath(key))}) IS NOT NULL`;
  }

  query<T>(text: string): Promise<T[]> {
    return db.$queryRawUnsafe<T[]>(text, ...this.values);
  }
}

function jsonPath(key: string): string {
  return `$."${key.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A date column read by raw SQL: PostgreSQL gives a Date, SQLite the stored text. */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
