import { Analytics as CioAnalytics } from "@customerio/cdp-analytics-node";
import { Analytics as SegmentAnalytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeEventLog } from "@/lib/eventlog";
import { createTestSource, startIngestServer, storedEvents, type Door } from "./testing";

// The real server libraries, pointed at Sluice, through both doors (route handler and server.js fast path).

type Client = SegmentAnalytics | CioAnalytics;

const servers: Partial<Record<Door, Awaited<ReturnType<typeof startIngestServer>>>> = {};
beforeAll(async () => {
  servers.web = await startIngestServer("web");
  servers.node = await startIngestServer("node");
});
afterAll(async () => {
  await servers.web?.close();
  await servers.node?.close();
  await closeEventLog();
});

function sendAll(client: Client) {
  client.identify({ userId: "u1", traits: { email: "a@b.co" } });
  client.track({
    userId: "u1",
    event: "Order Completed",
    properties: { total: 42 },
    timestamp: new Date("2024-01-01T00:00:00Z"),
  });
  client.page({ anonymousId: "anon-1", name: "Home", properties: { path: "/" } });
  client.screen({ userId: "u1", name: "Settings" });
  client.group({ userId: "u1", groupId: "g1", traits: { name: "Acme" } });
  client.alias({ userId: "u2", previousId: "u1" });
  return client.closeAndFlush({ timeout: 10_000 });
}

describe.each(["web", "node"] as const)("real client libraries (%s door)", (door) => {
  it("@segment/analytics-node delivers all six calls (Basic + body key, batch sentAt)", async () => {
    const s = await createTestSource();
    const host = servers[door]!.url;
    await sendAll(new SegmentAnalytics({ writeKey: s.writeKey, host, flushAt: 4, flushInterval: 200, maxRetries: 1 }));
    const rows = await storedEvents(s.id);
    expect(rows.map((r) => [r.type, r.status])).toEqual(
      ["identify", "track", "page", "screen", "group", "alias"].map((t) => [t, "accepted"]),
    );
    const track = rows[1].body!;
    expect(track).toMatchObject({
      event: "Order Completed",
      properties: { total: 42 },
      userId: "u1",
      originalTimestamp: "2024-01-01T00:00:00.000Z",
      context: { library: { name: "@segment/analytics-node" } },
    });
    expect(track.sentAt).toEqual(expect.any(String)); // batch-level sentAt copied onto each item
    expect(track.writeKey).toBeUndefined();
    expect(rows[1].messageId).toMatch(/^node-next-/);
    // sentAt ≈ receivedAt here, so the corrected timestamp stays ≈ the historical one
    expect(Math.abs(new Date(track.timestamp).getTime() - Date.parse("2024-01-01T00:00:00Z"))).toBeLessThan(5000);
    expect(rows[2]).toMatchObject({ anonymousId: "anon-1", name: "Home" });
    expect(rows[4].body!.groupId).toBe("g1");
    expect(rows[5].body).toMatchObject({ userId: "u2", previousId: "u1" });
  });

  it("@customerio/cdp-analytics-node delivers all six calls (Basic only, no sentAt)", async () => {
    const s = await createTestSource();
    const host = servers[door]!.url;
    await sendAll(
      new CioAnalytics({ writeKey: s.writeKey, host, maxEventsInBatch: 4, flushInterval: 200, maxRetries: 1 }),
    );
    const rows = await storedEvents(s.id);
    expect(rows.map((r) => r.type)).toEqual(["identify", "track", "page", "screen", "group", "alias"]);
    const track = rows[1].body!;
    expect(track.sentAt).toBeUndefined();
    expect(track.timestamp).toBe("2024-01-01T00:00:00.000Z"); // no sentAt: the given timestamp is kept
    expect(track.context.library.name).toBe("@customerio/cdp-analytics-node");
    expect(rows[0].body!.traits).toEqual({ email: "a@b.co" });
  });
});

describe("real client retries", () => {
  it("@segment/analytics-node waits out a 429 (Retry-After) and delivers every event exactly once", async () => {
    const s = await createTestSource();
    process.env.SLUICE_INGEST_RATE_LIMIT = "1";
    process.env.SLUICE_INGEST_RATE_WINDOW_SECONDS = "1";
    try {
      const client = new SegmentAnalytics({ writeKey: s.writeKey, host: servers.node!.url, flushAt: 1, maxRetries: 3 });
      const retries: number[] = [];
      client.on("http_request", (req) => retries.push(Number(req.headers["X-Retry-Count"] ?? 0)));
      client.track({ userId: "u", event: "First" });
      client.track({ userId: "u", event: "Second" });
      await client.closeAndFlush({ timeout: 15_000 });
      expect(Math.max(...retries)).toBeGreaterThan(0); // the second batch was refused with 429, then retried
    } finally {
      delete process.env.SLUICE_INGEST_RATE_LIMIT;
      delete process.env.SLUICE_INGEST_RATE_WINDOW_SECONDS;
    }
    expect((await storedEvents(s.id)).map((r) => r.name).sort()).toEqual(["First", "Second"]);
  });
});
