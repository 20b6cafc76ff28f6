import net from "node:net";
import { describe, expect, it, vi } from "vitest";
import { MAX_CALL_DEPTH, valueDepth } from "@/lib/eventlog/json-depth";
import { basic, createTestSource, storedEvents, setUpIngestServers } from "./testing";

// Poison calls (issue #10, items 2 and 3): a call nested thousands of levels deep, and dates JavaScript can
// hold but not write as ISO-8601. Each must become a rejected row with its reason, its batch neighbours
// stored, and the request answered 200 (permissive) or 400 (strict): never a 500 that SDKs retry forever.

const { servers, post } = setUpIngestServers();
const doors = ["web", "node"] as const;

/** `{"a":{"a":…1…}}`, `levels` objects deep. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** The JSON text of a track call nested `levels` deep in all (the call object is level 1), built as text:
 *  JSON.stringify itself overflows the stack on the deep ones. */
function deepCall(levels: number, event = "Deep", type = "") {
  const props = '{"a":'.repeat(levels - 1) + "1" + "}".repeat(levels - 1);
  return `{${type && `"type":"${type}",`}"userId":"u","event":"${event}","properties":${props}}`;
}

describe.each(doors)("deep nesting (%s door)", (door) => {
  const base = () => servers[door].url;

  it("rejects a single call nested ~4,100 and 5,000 levels deep with a reason, 200 permissive / 400 strict", async () => {
    const s = await createTestSource();
    const text8k = '{"userId":"u","event":"Deep","properties":' + "[".repeat(4_100) + "]".repeat(4_100) + "}"; // 8 KB
    const text10k = '{"userId":"u","event":"Deep","properties":' + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    expect(text10k.length).toBeLessThan(32 * 1024);
    const permissive = await post("/v1/track", text8k, { key: s.writeKey, base: base() });
    expect(permissive.status).toBe(200);
    const strict = await post("/v1/t", text10k, { key: s.writeKey, base: base(), headers: { "x-strict-mode": "1" } });
    expect(strict.status).toBe(400);
    expect(await strict.json()).toEqual({
      meta: { errors: [`The call is nested deeper than ${MAX_CALL_DEPTH} levels`] },
    });

    expect(await storedEvents(s.id, "accepted")).toEqual([]);
    const rejected = await storedEvents(s.id, "rejected");
    expect(rejected.map((r) => [r.type, r.name, r.userId, r.reason])).toEqual([
      ["track", "Deep", "u", "The call is nested deeper than 64 levels"],
      ["track", "Deep", "u", "The call is nested deeper than 64 levels"],
    ]);
    // What the debugger shows: the start of the call as sent, cut at 8 KB.
    expect(rejected[0].payload.startsWith('{"userId":"u","event":"Deep","properties":[[[[')).toBe(true);
    expect(rejected[0].payload.length).toBeLessThanOrEqual(8 * 1024);
  });

  it("stores the neighbours of a deep batch item; the 64-level call passes, 65 levels is rejected", async () => {
    const s = await createTestSource();
    const batch = [
      JSON.stringify({ type: "track", userId: "u", event: "Before" }),
      deepCall(5_000, "Deep", "track"),
      deepCall(MAX_CALL_DEPTH, "At the limit", "track"),
      deepCall(MAX_CALL_DEPTH + 1, "Over the limit", "track"),
      JSON.stringify({ type: "identify", userId: "u", traits: { plan: "pro" } }),
    ];
    const res = await post("/v1/batch", `{"batch":[${batch.join(",")}]}`, {
      key: s.writeKey,
      base: base(),
      headers: { "x-strict-mode": "1" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).meta.errors).toEqual([
      "batch[1]: The call is nested deeper than 64 levels",
      "batch[3]: The call is nested deeper than 64 levels",
    ]);
    const accepted = await storedEvents(s.id, "accepted");
    expect(accepted.map((r) => r.name ?? r.type)).toEqual(["Before", "At the limit", "identify"]);
    expect(valueDepth(JSON.parse(accepted[1].payload))).toBe(MAX_CALL_DEPTH);
    const rejected = await storedEvents(s.id, "rejected");
    expect(rejected.map((r) => [r.name, r.reason])).toEqual([
      ["Deep", "The call is nested deeper than 64 levels"],
      ["Over the limit", "The call is nested deeper than 64 levels"],
    ]);
  });

  it("rejects batch items that the batch's own context makes too deep", async () => {
    const s = await createTestSource();
    const body = { context: { deep: nested(MAX_CALL_DEPTH - 1) }, batch: [{ type: "track", userId: "u", event: "E" }] };
    const res = await post("/v1/b", body, { key: s.writeKey, base: base() });
    expect(res.status).toBe(200);
    const [row] = await storedEvents(s.id, "rejected");
    expect(row.reason).toMatch(/context and integrations merged in, the call is nested deeper than 64 levels/);
  });

  it("survives the deepest body that fits in the 500 KB batch limit", async () => {
    const s = await createTestSource();
    const levels = 250 * 1024 - 100; // "[" and "]" each: the whole body is just under 500 KB
    const text =
      '{"batch":[{"type":"track","userId":"u","event":"Fine"},' + "[".repeat(levels) + "]".repeat(levels) + "]}";
    expect(text.length).toBeLessThan(500 * 1024);
    const res = await post("/v1/batch", text, { key: s.writeKey, base: base() });
    expect(res.status).toBe(200);
    expect((await storedEvents(s.id, "accepted")).map((r) => r.name)).toEqual(["Fine"]);
    expect((await storedEvents(s.id, "rejected")).map((r) => r.reason)).toEqual(["A call must be a JSON object"]);
  });
});

describe.each(doors)("dates out of range (%s door)", (door) => {
  const base = () => servers[door].url;

  it("rejects each out-of-range date with the field named and stores the batch's other items", async () => {
    const s = await createTestSource();
    const call = (event: string, extra: object) => ({ type: "track", userId: "u", event, ...extra });
    const batch = [
      call("Fine", {}),
      call("Max date", { originalTimestamp: 8640000000000000 }),
      call("Year 275760", { timestamp: "+275760-09-13T00:00:00.000Z" }),
      call("Min sentAt", { timestamp: "2024-01-01T00:00:00.000Z", sentAt: -8640000000000000 }),
      call("Also fine", { timestamp: "2024-01-01T00:00:00.000Z" }),
    ];
    const res = await post(
      "/v1/batch",
      { batch },
      { key: s.writeKey, base: base(), headers: { "x-strict-mode": "1" } },
    );
    expect(res.status).toBe(400);
    const range = "is out of range: use an ISO-8601 date between the years 0000 and 9999";
    expect((await res.json()).meta.errors).toEqual([
      `batch[1]: "originalTimestamp" ${range}`,
      `batch[2]: "timestamp" ${range}`,
      `batch[3]: "sentAt" ${range}`,
    ]);
    expect((await storedEvents(s.id, "accepted")).map((r) => r.name)).toEqual(["Fine", "Also fine"]);
    const rejected = await storedEvents(s.id, "rejected");
    expect(rejected.map((r) => [r.name, r.reason])).toEqual([
      ["Max date", `"originalTimestamp" ${range}`],
      ["Year 275760", `"timestamp" ${range}`],
      ["Min sentAt", `"sentAt" ${range}`],
    ]);
  });

  it("clamps the skew correction when sentAt is far from the event, and ignores an unusable batch sentAt", async () => {
    const s = await createTestSource();
    const at = "2024-01-01T00:00:00.000Z";
    const batch = [
      // A client clock reset to year 1: the correction would date the event ~2,000 years ahead.
      { type: "track", userId: "u", event: "Past sentAt", originalTimestamp: at, sentAt: "0001-01-01T00:00:00.000Z" },
      // sentAt late in year 9999: the correction would fall before year 0; originalTimestamp is kept.
      { type: "track", userId: "u", event: "Future sentAt", originalTimestamp: at, sentAt: "9999-12-31T00:00:00.000Z" },
      { type: "track", userId: "u", event: "Batch sentAt", timestamp: at },
    ];
    const before = Date.now();
    const res = await post(
      "/v1/batch",
      { batch, sentAt: "+275760-09-13T00:00:00.000Z" },
      { key: s.writeKey, base: base() },
    );
    expect(res.status).toBe(200);
    const rows = await storedEvents(s.id, "accepted");
    expect(rows.map((r) => r.name)).toEqual(["Past sentAt", "Future sentAt", "Batch sentAt"]);
    const [past, future, batchLevel] = rows.map((r) => r.body!);
    expect(past.timestamp).toBe(past.receivedAt);
    expect(Date.parse(past.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(future.timestamp).toBe(at);
    expect(batchLevel).toMatchObject({ timestamp: at, originalTimestamp: at });
    expect(batchLevel.sentAt).toBeUndefined();
  });

  it("rejects a single call with a bad date (200 permissive) instead of answering 500", async () => {
    const s = await createTestSource();
    const res = await post(
      "/v1/identify",
      { userId: "u", timestamp: 8640000000000000 },
      { key: s.writeKey, base: base() },
    );
    expect(res.status).toBe(200);
    expect((await storedEvents(s.id, "rejected")).map((r) => r.reason)).toEqual([
      '"timestamp" is out of range: use an ISO-8601 date between the years 0000 and 9999',
    ]);
  });
});

describe("broken requests on the node:http door (server.js)", () => {
  it("answers 400 for a /v1 path that is not valid percent-encoded UTF-8 (Next.js would answer 500)", async () => {
    for (const path of ["/v1/projects/%FF%FE/settings", "/v1/analytics-js/snippet/%C0%AF/analytics.min.js"]) {
      const res = await fetch(`${servers.node.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ meta: { errors: ["The URL is not valid percent-encoded UTF-8"] } });
    }
  });

  it("drops a call whose client hangs up mid-body without a log line or a record", async () => {
    const s = await createTestSource();
    const errors = vi.spyOn(console, "error");
    const { port } = new URL(servers.node.url);
    const body = JSON.stringify({ userId: "u", event: "Cut" });
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(
          `POST /v1/track HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(s.writeKey)}\r\n` +
            `Content-Length: ${body.length + 100}\r\n\r\n${body}`,
          () => setTimeout(() => socket.destroy(), 50),
        );
      });
      socket.on("close", () => resolve());
    });
    await new Promise((r) => setTimeout(r, 100)); // let the server notice the hang-up
    expect(errors).not.toHaveBeenCalled();
    expect(await storedEvents(s.id)).toEqual([]);
    errors.mockRestore();
  });
});
