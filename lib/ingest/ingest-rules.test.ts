import http from "node:http";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getEventLogStats } from "@/lib/eventlog";
import { basic, createTestSource, storedEvents, setUpIngestServers } from "./testing";

// Limits, validation modes, dedup, rate limit, clock skew and group commit, over real HTTP (both doors).

const { servers, post } = setUpIngestServers();

describe("limits and bad bodies", () => {
  it("answers 400 naming the limit and records the rejection", async () => {
    const s = await createTestSource();
    const big = (n: number) => ({ userId: "u", event: "E", properties: { pad: "x".repeat(n) } });
    const single = await post("/v1/track", big(40 * 1024), { key: s.writeKey });
    expect(single.status).toBe(400);
    expect((await single.json()).meta.errors[0]).toMatch(/32 KB per call/);

    const batch = { batch: Array.from({ length: 20 }, () => ({ type: "track", ...big(30 * 1024) })) };
    const tooBig = await post("/v1/batch", batch, { key: s.writeKey });
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).meta.errors[0]).toMatch(/500 KB batch/);

    const many = { batch: Array.from({ length: 2501 }, () => ({ type: "track", userId: "u", event: "E" })) };
    const tooMany = await post("/v1/batch", many, { key: s.writeKey });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).meta.errors[0]).toMatch(/2500 items/);

    const oneBigItem = {
      batch: [
        { type: "track", userId: "u", event: "Fine" },
        { type: "track", ...big(33 * 1024) },
      ],
    };
    const item = await post("/v1/batch", oneBigItem, { key: s.writeKey });
    expect(item.status).toBe(400);
    expect((await item.json()).meta.errors).toEqual(["batch[1]: the call exceeds the 32 KB per batch item limit"]);

    const bad = await post("/v1/track", "{nope", { key: s.writeKey });
    expect(bad.status).toBe(400);
    expect((await bad.json()).meta.errors[0]).toMatch(/not valid JSON/);

    expect((await storedEvents(s.id, "accepted")).map((r) => r.name)).toEqual(["Fine"]);
    const rejected = await storedEvents(s.id, "rejected");
    expect(rejected.map((r) => r.reason)).toEqual([
      "Request body exceeds the 32 KB per call limit",
      "Request body exceeds the 500 KB batch limit",
      "The batch has 2501 items: the limit is 2500 items per batch",
      "batch[1]: the call exceeds the 32 KB per batch item limit",
      "The body is not valid JSON",
    ]);
    expect(rejected[4].payload).toBe("{nope");
  });

  it("applies the limits to the decompressed body (a gzip bomb is cut off) and refuses broken gzip", async () => {
    const s = await createTestSource();
    const bomb = zlib.gzipSync(
      JSON.stringify({ batch: [{ type: "track", userId: "u", event: "x".repeat(5_000_000) }] }),
    );
    expect(bomb.length).toBeLessThan(50 * 1024);
    const headers = { "content-encoding": "gzip" };
    const res = await post("/v1/batch", bomb, { key: s.writeKey, headers, base: servers.node.url });
    expect(res.status).toBe(400);
    expect((await res.json()).meta.errors[0]).toMatch(/500 KB batch/);
    const broken = await post("/v1/t", Buffer.from("not gzip"), { key: s.writeKey, headers });
    expect(broken.status).toBe(400);
    expect((await broken.json()).meta.errors[0]).toMatch(/not valid gzip/);
    const br = await post("/v1/t", "{}", { key: s.writeKey, headers: { "content-encoding": "br" } });
    expect(br.status).toBe(400);
  });

  it.each(["web", "node"] as const)("cuts a 50 MB body off early (%s door)", async (door) => {
    const s = await createTestSource();
    const base = door === "web" ? servers.web.url : servers.node.url;
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = http.request(`${base}/v1/batch`, { method: "POST", headers: { authorization: basic(s.writeKey) } });
      req.on("response", (res) => {
        res.resume();
        resolve({ status: res.statusCode!, sent });
        req.destroy();
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(400);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });
});

describe("validation: permissive and strict", () => {
  it("stores the valid items of a batch, records the invalid one, and reports it only in strict mode", async () => {
    const s = await createTestSource();
    const batch = (tag: string) => ({
      batch: [
        { type: "track", userId: "u", event: `ok-${tag}` },
        { type: "track", userId: "u" },
        { type: "identify", anonymousId: "a", traits: { plan: tag } },
      ],
    });
    const permissive = await post("/v1/batch", batch("p"), { key: s.writeKey });
    expect(permissive.status).toBe(200);
    const strict = await post("/v1/batch", batch("s"), { key: s.writeKey, headers: { "x-strict-mode": "1" } });
    expect(strict.status).toBe(400);
    expect(await strict.json()).toEqual({ meta: { errors: ['batch[1]: track calls need a non-empty "event"'] } });
    const single = await post("/v1/alias", { userId: "u" }, { key: s.writeKey, headers: { "x-strict-mode": "1" } });
    expect(single.status).toBe(400);
    expect((await single.json()).meta.errors[0]).toMatch(/previousId/);

    expect((await storedEvents(s.id, "accepted")).map((r) => r.name ?? r.type)).toEqual([
      "ok-p",
      "identify",
      "ok-s",
      "identify",
    ]);
    const rejected = await storedEvents(s.id, "rejected");
    expect(rejected.map((r) => [r.type, r.reason])).toEqual([
      ["track", 'track calls need a non-empty "event"'],
      ["track", 'track calls need a non-empty "event"'],
      ["alias", 'alias calls need a "previousId" and a "userId"'],
    ]);
    expect(rejected[0].body).toEqual({ type: "track", userId: "u" });
  });
});

describe("dedup, rate limit, clock skew, group commit", () => {
  it("stores a retried messageId once and still answers 200", async () => {
    const s = await createTestSource();
    const call = { userId: "u", event: "Paid", messageId: "retry-me" };
    for (let i = 0; i < 3; i++) {
      expect((await post("/v1/track", call, { key: s.writeKey, headers: { "x-retry-count": String(i) } })).status).toBe(
        200,
      );
    }
    expect((await storedEvents(s.id)).map((r) => r.messageId)).toEqual(["retry-me"]);
  });

  it("answers 429 with Retry-After once a source passes its rate limit", async () => {
    const s = await createTestSource();
    const other = await createTestSource();
    process.env.SLUICE_INGEST_RATE_LIMIT = "3";
    // A window the test cannot outlast: aligned 1 s windows rolled over between the calls on a busy machine.
    process.env.SLUICE_INGEST_RATE_WINDOW_SECONDS = "3600";
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await post("/v1/t", { userId: "u", event: `E${i}` }, { key: s.writeKey })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await post("/v1/t", { writeKey: s.writeKey, userId: "u", event: "E" });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await post("/v1/t", { userId: "u", event: "E" }, { key: other.writeKey })).status).toBe(200);
    } finally {
      delete process.env.SLUICE_INGEST_RATE_LIMIT;
      delete process.env.SLUICE_INGEST_RATE_WINDOW_SECONDS;
    }
    expect(await storedEvents(s.id)).toHaveLength(3);
  });

  it("corrects the timestamp for client clock skew using sentAt", async () => {
    const s = await createTestSource();
    const skew = 3600_000; // client clock one hour fast
    const sentAt = new Date(Date.now() + skew);
    const timestamp = new Date(sentAt.getTime() - 5000);
    await post("/v1/t", { userId: "u", event: "E", timestamp, sentAt }, { key: s.writeKey });
    const [row] = await storedEvents(s.id);
    const corrected = new Date(row.body!.timestamp).getTime();
    expect(row.body!.originalTimestamp).toBe(timestamp.toISOString());
    expect(corrected).toBe(new Date(row.body!.receivedAt).getTime() - 5000);
    expect(row.receivedAt.toISOString()).toBe(row.body!.receivedAt);
  });

  it("stores 200 concurrent requests, sharing transactions", async () => {
    const s = await createTestSource();
    const before = getEventLogStats().transactions;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post("/v1/t", { userId: `u${i}`, event: "Burst" }, { key: s.writeKey, base: servers.node.url }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await db.event.count({ where: { sourceId: s.id, status: "accepted" } })).toBe(200);
    const transactions = getEventLogStats().transactions - before;
    expect(transactions).toBeLessThan(190); // typically 30–100 here, in one process with the client
  });
});
