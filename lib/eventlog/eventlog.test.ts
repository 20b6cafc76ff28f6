import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestSource } from "@/lib/ingest/testing";
import {
  appendEvents,
  closeEventLog,
  getEventLogStats,
  liveEventsReady,
  subscribeToEvents,
  type EventRow,
  type StoredEvent,
} from "./index";
import { isPostgresUrl, sqlitePath } from "@/lib/db/migrate.mjs";
import { createPostgresBackend } from "./postgres";
import { LISTENER_NAME } from "./pg-tail";
import { createSqliteBackend } from "./sqlite";
import { createSqliteWorkerBackend } from "./sqlite-worker";
import type { EventLogBackend } from "./types";
import { GroupCommitWriter } from "./writer";

afterAll(() => closeEventLog());

function row(source: { id: string; workspaceId: string }, over: Partial<EventRow> = {}): EventRow {
  return {
    workspaceId: source.workspaceId,
    sourceId: source.id,
    messageId: crypto.randomUUID(),
    type: "track",
    name: "Signed Up",
    userId: "u1",
    anonymousId: null,
    payload: JSON.stringify({ event: "Signed Up" }),
    receivedAt: new Date(),
    status: "accepted",
    reason: null,
    ...over,
  };
}

describe("appendEvents", () => {
  it("stores rows that Prisma reads back (dates included) and skips duplicate messageIds", async () => {
    const source = await createTestSource();
    const at = new Date("2026-01-02T03:04:05.678Z");
    const first = row(source, { messageId: "m-1", receivedAt: at });
    const stored = await appendEvents([first, row(source, { messageId: "m-2" }), row(source, { messageId: "m-1" })]);
    expect(stored.map((s) => s.messageId)).toEqual(["m-1", "m-2"]);
    expect(await appendEvents([row(source, { messageId: "m-2" })])).toEqual([]);
    const rows = await db.event.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.messageId)).toEqual(["m-1", "m-2"]);
    expect(rows[0].receivedAt.toISOString()).toBe(at.toISOString());
    expect(String(rows[0].id)).toBe(stored[0].id);
  });

  it("commits concurrent appends in shared transactions and publishes each new event once", async () => {
    const source = await createTestSource();
    const seen: StoredEvent[] = [];
    const unsubscribe = subscribeToEvents((e) => e.sourceId === source.id && seen.push(e));
    const before = getEventLogStats().transactions;
    const results = await Promise.all(Array.from({ length: 100 }, () => appendEvents([row(source)])));
    expect(results.every((r) => r.length === 1)).toBe(true);
    expect(getEventLogStats().transactions - before).toBeLessThan(20);
    await expect.poll(() => seen.length).toBe(100); // on PostgreSQL the bus reads the commits back first
    unsubscribe();
    expect(new Set(seen.map((e) => e.id)).size).toBe(100);
    expect(await db.event.count({ where: { sourceId: source.id } })).toBe(100);
  });

  it.runIf(isPostgresUrl(process.env.DATABASE_URL!))(
    "on PostgreSQL, brings every process's commits to each process's subscribers, in id order, each once",
    async () => {
      const source = await createTestSource();
      // Another process's event log: its own pool, the same commit lock and NOTIFY.
      const otherProcess = createPostgresBackend(process.env.DATABASE_URL!);
      const elsewhere = await createTestSource(); // another workspace, nobody here subscribes to it
      const seen: StoredEvent[] = [];
      const unsubscribe = subscribeToEvents((e) => seen.push(e), source.workspaceId);
      await liveEventsReady();
      const at = new Date("2026-03-04T05:06:07.890Z");
      await Promise.all([
        ...Array.from({ length: 40 }, () => appendEvents([row(source), row(elsewhere)])),
        ...Array.from({ length: 40 }, () => otherProcess.write([row(source), row(source, { receivedAt: at })], [])),
      ]);
      await expect.poll(() => seen.length).toBe(120);
      unsubscribe();
      await otherProcess.close();
      const stored = await db.event.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } });
      expect(seen.map((e) => e.id)).toEqual(stored.map((r) => String(r.id)));
      const remote = seen.find((e) => e.receivedAt.getTime() === at.getTime());
      expect(remote).toMatchObject({ workspaceId: source.workspaceId, type: "track", status: "accepted" });
    },
  );

  it.runIf(isPostgresUrl(process.env.DATABASE_URL!))(
    "on PostgreSQL, listens again after its connection is cut and catches up with what it missed",
    async () => {
      const source = await createTestSource();
      const otherProcess = createPostgresBackend(process.env.DATABASE_URL!);
      const seen: StoredEvent[] = [];
      const unsubscribe = subscribeToEvents((e) => seen.push(e), source.workspaceId);
      await liveEventsReady();
      await db.$queryRawUnsafe(
        `SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "application_name" = $1 AND "datname" = current_database()`,
        LISTENER_NAME,
      );
      await otherProcess.write([row(source)], []); // committed while this process is not listening
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(1);
      await otherProcess.write([row(source)], []);
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(2);
      unsubscribe();
      await otherProcess.close();
    },
  );

  it("stores hostile column values safely (NUL characters, over-long identifiers)", async () => {
    const source = await createTestSource();
    const long = "x".repeat(3000);
    const [stored] = await appendEvents([row(source, { name: "a\u0000b", userId: long, payload: '{"raw":"\u0000"}' })]);
    expect(stored).toBeDefined();
    const saved = await db.event.findFirstOrThrow({ where: { sourceId: source.id } });
    expect(saved.name).toBe("a\uFFFDb");
    expect(saved.userId).toHaveLength(500);
  });

  it("keeps only the newest rejected rows of a source", async () => {
    const source = await createTestSource();
    const rejected = (n: number) => row(source, { status: "rejected", reason: `bad ${n}`, messageId: `r-${n}` });
    const url = process.env.DATABASE_URL!;
    const backend = isPostgresUrl(url) ? createPostgresBackend(url) : createSqliteBackend(sqlitePath(url));
    const writer = new GroupCommitWriter(
      backend,
      { maxDelayMs: 1, maxRows: 100, rejectedCap: 3, pruneEvery: 2 },
      () => {},
    );
    for (let i = 0; i < 6; i++) await writer.append([rejected(i)]);
    await writer.append([row(source, { messageId: "ok" })]);
    await backend.close();
    const rows = await db.event.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.messageId)).toEqual(["r-3", "r-4", "r-5", "ok"]);
  });
});

describe("GroupCommitWriter", () => {
  it("hands what queued during a commit to the backend as soon as the commit returns, before the next turn", async () => {
    const source = { id: "s", workspaceId: "w" };
    const commits: { rows: number; resolve: (ids: number[]) => void }[] = [];
    const backend = {
      write: (rows: EventRow[]) => new Promise<number[]>((resolve) => commits.push({ rows: rows.length, resolve })),
      close: async () => {},
    };
    const writer = new GroupCommitWriter(
      backend,
      { maxDelayMs: 0, maxRows: 1000, rejectedCap: 10, pruneEvery: 10 },
      () => {},
    );
    const first = writer.append([row(source)]);
    await new Promise((r) => setImmediate(r));
    expect(commits).toHaveLength(1);
    const queued = [writer.append([row(source)]), writer.append([row(source), row(source)])]; // during the commit
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    commits[0]!.resolve([1]);
    await first;
    // The second group (both appends that waited) went to the backend in the same turn as the first one's answer.
    expect(turnEnded).toBe(false);
    expect(commits.map((c) => c.rows)).toEqual([1, 3]);
    commits[1]!.resolve([2, 3, 4]);
    expect((await Promise.all(queued)).map((stored) => stored.map((e) => e.id))).toEqual([["2"], ["3", "4"]]);
  });
});

describe("SQLite backend on a worker thread (the default)", () => {
  it("stores, deduplicates and reports the inserted rows like the in-thread backend", async ({ skip }) => {
    const url = process.env.DATABASE_URL!;
    if (isPostgresUrl(url)) return skip();
    const source = await createTestSource();
    const backend = createSqliteWorkerBackend(sqlitePath(url));
    try {
      const rows = Array.from({ length: 150 }, (_, i) => row(source, { messageId: `w-${i}` }));
      const ids = Array.from(await backend.write([...rows, row(source, { messageId: "w-0" })], []));
      expect(ids).toHaveLength(151);
      expect(ids.slice(0, 150).every((id) => Number(id) > 0)).toBe(true);
      expect(new Set(ids.slice(0, 150)).size).toBe(150);
      expect(ids[150]).toBe(0); // the duplicate of w-0 in the same group
      expect(Array.from(await backend.write([row(source, { messageId: "w-1" })], []))).toEqual([0]);
      const invalid = { ...row(source), workspaceId: null as unknown as string }; // NOT NULL in the worker
      await expect(backend.write([row(source, { messageId: "w-lost" }), invalid], [])).rejects.toThrow(/NOT NULL/);
      expect(Number((await backend.write([row(source, { messageId: "w-after" })], []))[0])).toBeGreaterThan(0);
      expect(await db.event.count({ where: { sourceId: source.id } })).toBe(151); // w-lost rolled back
    } finally {
      await backend.close();
    }
  });

  it("prunes the oldest rejected rows of a source like the in-thread backend", async ({ skip }) => {
    const url = process.env.DATABASE_URL!;
    if (isPostgresUrl(url)) return skip();
    const source = await createTestSource();
    const backend = createSqliteWorkerBackend(sqlitePath(url));
    try {
      for (let i = 0; i < 4; i++) {
        await backend.write([row(source, { status: "rejected", reason: "bad", messageId: `r-${i}` })], []);
      }
      await backend.write([row(source, { messageId: "ok" })], [{ sourceId: source.id, keep: 2 }]);
      const rows = await db.event.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } });
      expect(rows.map((r) => r.messageId)).toEqual(["r-2", "r-3", "ok"]);
    } finally {
      await backend.close();
    }
  });
});

describe("GroupCommitWriter", () => {
  const source = { id: "s", workspaceId: "w" };
  const options = { maxDelayMs: 5, maxRows: 100, rejectedCap: 10, pruneEvery: 5 };

  it("rejects every caller when the database fails, and stores nothing", async () => {
    let healthy = false;
    const backend: EventLogBackend = {
      async write(rows) {
        if (!healthy) throw new Error("disk full");
        return rows.map((_, i) => String(i + 1));
      },
      async close() {},
    };
    const writer = new GroupCommitWriter(backend, options, () => {});
    const failed = await Promise.allSettled([writer.append([row(source)]), writer.append([row(source)])]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(writer.stats.transactions).toBe(0);
    healthy = true;
    expect(await writer.append([row(source)])).toHaveLength(1);
  });

  it("fails only the request whose row the database refuses, not its group", async () => {
    const writes: number[] = [];
    const backend: EventLogBackend = {
      async write(rows) {
        writes.push(rows.length);
        if (rows.some((r) => r.messageId === "poison")) throw new Error("refused");
        return rows.map((_, i) => String(i + 1));
      },
      async close() {},
    };
    const writer = new GroupCommitWriter(backend, options, () => {});
    const results = await Promise.allSettled([
      writer.append([row(source), row(source)]),
      writer.append([row(source, { messageId: "poison" })]),
      writer.append([row(source)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(writes).toEqual([4, 2, 1, 1]);
  });
});
