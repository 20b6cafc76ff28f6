import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { REASON_CODES, type ReasonCode } from "./reason-codes";
import { createTestSource, setUpIngestServers, storedEvents } from "./testing";

// Every rejected call carries a stable reasonCode beside its message, over real HTTP, stored in Event.reasonCode.

const { post } = setUpIngestServers();

const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });

const cases: [ReasonCode, string, unknown, Record<string, string>?][] = [
  ["invalid_json", "/v1/track", "{nope"],
  ["invalid_type", "/v1/track", "[1, 2]"],
  ["too_large", "/v1/track", { userId: "u", event: "E", properties: { pad: "x".repeat(40 * 1024) } }],
  ["too_deep", "/v1/track", { userId: "u", event: "E", properties: deep(70) }],
  ["invalid_encoding", "/v1/track", Buffer.from("not gzip"), { "content-encoding": "gzip" }],
  ["invalid_batch", "/v1/batch", { batch: 5 }],
  ["missing_identity", "/v1/track", { event: "E" }],
  ["missing_event", "/v1/track", { userId: "u" }],
  ["missing_previous_id", "/v1/alias", { userId: "u" }],
  ["missing_group_id", "/v1/group", { userId: "u" }],
  ["invalid_message_id", "/v1/track", { userId: "u", event: "E", messageId: "m".repeat(101) }],
  ["invalid_timestamp", "/v1/track", { userId: "u", event: "E", timestamp: "+275760-09-13T00:00:00.000Z" }],
  ["invalid_call_type", "/v1/batch", { batch: [{ type: "bogus", userId: "u" }] }],
  ["invalid_field", "/v1/identify", { userId: "u2", traits: "not-an-object" }],
];

describe("reason codes", () => {
  it.each(cases)("%s: stored beside the message, answered 400 in strict mode", async (code, path, body, headers) => {
    const s = await createTestSource();
    const res = await post(path, body, { key: s.writeKey, headers: { "x-strict-mode": "1", ...headers } });
    expect(res.status).toBe(400);
    const [row] = await storedEvents(s.id, "rejected");
    expect(row).toMatchObject({ status: "rejected", reasonCode: code });
    expect((await res.json()).meta.errors[0]).toContain(row.reason);
  });

  it("covers every code but the last line of defence (unprocessable: a call that made Sluice throw)", () => {
    expect(new Set(cases.map(([code]) => code))).toEqual(new Set(REASON_CODES.filter((c) => c !== "unprocessable")));
  });

  it("rejects traits, properties, context and integrations that are not objects, with the field named", async () => {
    const s = await createTestSource();
    const calls: [string, Record<string, unknown>][] = [
      ["/v1/identify", { userId: "u2", traits: "not-an-object" }],
      ["/v1/track", { userId: "u", event: "E", properties: [1, 2] }],
      ["/v1/page", { userId: "u", context: 5 }],
      ["/v1/track", { userId: "u", event: "E", integrations: true }],
    ];
    for (const [path, call] of calls) expect((await post(path, call, { key: s.writeKey })).status).toBe(200); // permissive
    const rejected = await storedEvents(s.id, "rejected");
    expect(rejected.map((r) => [r.reasonCode, r.reason])).toEqual([
      ["invalid_field", '"traits" must be a JSON object, not a string'],
      ["invalid_field", '"properties" must be a JSON object, not an array'],
      ["invalid_field", '"context" must be a JSON object, not a number'],
      ["invalid_field", '"integrations" must be a JSON object, not a boolean'],
    ]);
    // null is absent, not wrong
    expect((await post("/v1/track", { userId: "u", event: "E", properties: null }, { key: s.writeKey })).status).toBe(
      200,
    );
    expect(await storedEvents(s.id, "accepted")).toHaveLength(1);
  });

  it("codes a rejected item of a gzip batch like any other", async () => {
    const s = await createTestSource();
    const body = zlib.gzipSync(JSON.stringify({ batch: [{ type: "track", userId: "u" }, { type: "identify" }] }));
    const res = await post("/v1/batch", body, { key: s.writeKey, headers: { "content-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect((await storedEvents(s.id, "rejected")).map((r) => r.reasonCode)).toEqual([
      "missing_event",
      "missing_identity",
    ]);
  });
});
