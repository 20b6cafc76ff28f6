import http from "node:http";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/db/migrate.mjs";
import { flushRateLimitCounts } from "./rate-limit-shared";
import { invalidateWriteKey } from "./write-keys";
import { basic, createTestSource, setUpIngestServers, storedEvents } from "./testing";

// The ingest rate limit: off by default, per source when set, 429 + Retry-After without reading the body, on a
// connection that stays usable; limited calls counted on the source; on PostgreSQL shared by every process.

const { servers, post } = setUpIngestServers();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function limitSource(id: string, writeKey: string, calls: number, windowSeconds: number) {
  await db.source.update({ where: { id }, data: { rateLimit: calls, rateLimitWindowSeconds: windowSeconds } });
  invalidateWriteKey(writeKey);
}

/** Waits until the start of a fresh window of `seconds`, so a test's calls all fall into one. */
async function startOfWindow(seconds: number) {
  const ms = seconds * 1000;
  const left = ms - (Date.now() % ms);
  if (left < ms * 0.6) await sleep(left + 20);
}

describe("ingest rate limit", () => {
  it("is off by default: a burst of 300 calls is all answered 200", async () => {
    const s = await createTestSource();
    const statuses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        post("/v1/t", { userId: "u", event: `E${i}` }, { key: s.writeKey, base: servers.node.url }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it.each(["node", "web"] as const)(
    "answers a flood over a source's own limit 429 with Retry-After; the next window's calls succeed (%s door)",
    async (door) => {
      const s = await createTestSource();
      await limitSource(s.id, s.writeKey, 5, 2);
      const base = servers[door].url;
      await startOfWindow(2);
      const statuses: number[] = [];
      let retryAfter = 0;
      for (let i = 0; i < 25; i++) {
        const res = await post("/v1/t", { userId: "u", event: `E${i}` }, { key: s.writeKey, base });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = Number(res.headers.get("retry-after"));
          expect((await res.json()).meta.errors[0]).toMatch(/Rate limit exceeded/);
        }
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual(Array(20).fill(429));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);
      await sleep(retryAfter * 1000);
      expect((await post("/v1/t", { userId: "u", event: "Later" }, { key: s.writeKey, base })).status).toBe(200);
      // The limited calls are counted on the source, not stored as events.
      await flushRateLimitCounts();
      const row = await db.source.findUniqueOrThrow({ where: { id: s.id } });
      expect(row.limitedCalls).toBe(20);
      expect(row.lastLimitedAt).not.toBeNull();
      expect((await storedEvents(s.id)).map((e) => e.name)).toEqual(["E0", "E1", "E2", "E3", "E4", "Later"]);
    },
  );

  it("keeps the connection usable after a 429 whose body it did not read", async () => {
    const s = await createTestSource();
    await limitSource(s.id, s.writeKey, 1, 2);
    await startOfWindow(2);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (body: string) =>
      new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
        const req = http.request(`${servers.node.url}/v1/track`, {
          method: "POST",
          agent,
          headers: { authorization: basic(s.writeKey), "content-type": "application/json" },
        });
        req.on("socket", (socket) => sockets.add(socket));
        req.on("response", (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const pad = "x".repeat(20_000); // a body worth not reading
    expect((await send(JSON.stringify({ userId: "u", event: "A" }))).status).toBe(200);
    const refused = await send(JSON.stringify({ userId: "u", event: "B", properties: { pad } }));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    await sleep(Number(refused.retryAfter) * 1000);
    expect((await send(JSON.stringify({ userId: "u", event: "C" }))).status).toBe(200);
    expect(sockets.size).toBe(1); // one keep-alive connection served all three
    agent.destroy();
  });

  it("lets a source without a limit through while the server default limits the others; 0 turns a source's off", async () => {
    const limited = await createTestSource();
    const unlimited = await createTestSource();
    await limitSource(unlimited.id, unlimited.writeKey, 0, 1);
    process.env.SLUICE_INGEST_RATE_LIMIT = "2";
    try {
      await startOfWindow(1);
      const a = [];
      const b = [];
      for (let i = 0; i < 4; i++) {
        a.push((await post("/v1/t", { userId: "u", event: "E" }, { key: limited.writeKey })).status);
        b.push((await post("/v1/t", { userId: "u", event: "E" }, { key: unlimited.writeKey })).status);
      }
      expect(a).toEqual([200, 200, 429, 429]);
      expect(b).toEqual([200, 200, 200, 200]);
    } finally {
      delete process.env.SLUICE_INGEST_RATE_LIMIT;
    }
  });

  it("on PostgreSQL, counts the calls other processes let through in the same window", async ({ skip }) => {
    if (!isPostgresUrl(process.env.DATABASE_URL!)) return skip();
    const s = await createTestSource();
    await limitSource(s.id, s.writeKey, 10, 5);
    await startOfWindow(5);
    expect((await post("/v1/t", { userId: "u", event: "Mine" }, { key: s.writeKey })).status).toBe(200);
    // Another web process let 9 calls through in this window and added them to the shared row.
    const windowStart = BigInt(Date.now() - (Date.now() % 5000));
    await db.$executeRawUnsafe(
      `INSERT INTO "IngestRateWindow" ("sourceId","windowStart","calls") VALUES ($1,$2,9)
       ON CONFLICT ("sourceId","windowStart") DO UPDATE SET "calls" = "IngestRateWindow"."calls" + 9`,
      s.id,
      windowStart,
    );
    await flushRateLimitCounts(); // this process's exchange: adds its 1, reads back 10
    const shared = await db.ingestRateWindow.findUniqueOrThrow({
      where: { sourceId_windowStart: { sourceId: s.id, windowStart } },
    });
    expect(shared.calls).toBe(10);
    expect((await post("/v1/t", { userId: "u", event: "Over" }, { key: s.writeKey })).status).toBe(429);
  });
});
