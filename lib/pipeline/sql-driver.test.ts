import crypto from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { collectStatements, NothingChangedError, Sql, writeAll } from "./sql";
import { inlineTransaction } from "./sql-driver";

// writeAll: one transaction of compiled statements, on each database (PostgreSQL sends them as one text with the
// values inlined as literals), guarded by its first statement.

const TRICKY = ["it's", "back\\slash", "$1 is not a placeholder", "ünïcødé ✓", "semi; colon -- not a comment"];

function leaseRows(names: string[]) {
  const q = new Sql();
  return q.query<{ name: string; owner: string }>(
    `SELECT "name","owner" FROM "WorkerLease" WHERE "name" IN (${q.list(names)}) ORDER BY "name"`,
  );
}

const insertLease = (name: string, owner: string) =>
  collectStatements(async (tx) => {
    const q = new Sql();
    await q.execute(
      `INSERT INTO "WorkerLease" ("name","owner","expiresAt") VALUES (${q.v(name)}, ${q.v(owner)}, ${q.v(new Date(), "ts")})`,
      tx,
    );
  });

describe("writeAll", () => {
  it("stores every value as given, quotes, backslashes and placeholder-like text included", async () => {
    const prefix = `sql-driver-${crypto.randomUUID()}`;
    const names = TRICKY.map((_, i) => `${prefix}-${i}`);
    const statements = (await Promise.all(TRICKY.map((owner, i) => insertLease(names[i]!, owner)))).flat();
    await writeAll(statements);
    expect(await leaseRows(names)).toEqual(TRICKY.map((owner, i) => ({ name: names[i], owner })));
  });

  it("writes nothing when its guard (the first statement) changes no row", async () => {
    const name = `sql-driver-${crypto.randomUUID()}`;
    const guard = await collectStatements(async (tx) => {
      const q = new Sql();
      await q.execute(`UPDATE "WorkerLease" SET "owner" = 'x' WHERE "name" = ${q.v(`${name}-missing`)}`, tx);
    });
    const statements = [...guard, ...(await insertLease(name, "someone"))];
    await expect(writeAll(statements, { isFirstGuard: true })).rejects.toBeInstanceOf(NothingChangedError);
    expect(await leaseRows([name])).toEqual([]);
  });

  it("rolls back every statement when one fails", async () => {
    const name = `sql-driver-${crypto.randomUUID()}`;
    const statements = [...(await insertLease(name, "first")), ...(await insertLease(name, "the same name again"))];
    await expect(writeAll(statements)).rejects.toThrow();
    expect(await leaseRows([name])).toEqual([]);
  });
});

describe("inlineTransaction (PostgreSQL's text)", () => {
  it("quotes each value once, in place of its own placeholder", () => {
    const text = inlineTransaction([
      {
        sql: `UPDATE t SET a = $1::text, b = $2::int, c = $3::boolean WHERE d = $4::text`,
        params: ["$2", 7, true, null],
      },
      { sql: `INSERT INTO t (a) VALUES ($1::text)`, params: ["it's \\ here"] },
    ]);
    expect(text).toBe(
      `BEGIN;\nUPDATE t SET a = '$2'::text, b = '7'::int, c = 'true'::boolean WHERE d = NULL::text;\n` +
        `INSERT INTO t (a) VALUES ( E'it''s \\\\ here'::text)`,
    );
  });

  it("writes each text as pg.escapeLiteral does", () => {
    for (const text of [...TRICKY, "", "'", "\\", "\\'\\''", "a\nb\tc", "x".repeat(10_000)]) {
      expect(inlineTransaction([{ sql: "SELECT $1", params: [text] }])).toBe(
        `BEGIN;\nSELECT ${pg.escapeLiteral(text)}`,
      );
    }
  });

  it("refuses a value it cannot write as a literal", () => {
    expect(() => inlineTransaction([{ sql: "SELECT $1", params: [{ a: 1 }] }])).toThrow(TypeError);
  });
});
