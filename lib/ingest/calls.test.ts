import { describe, expect, it } from "vitest";
import { prepareCall, type CallContext } from "./calls";

const receivedAt = new Date("2024-01-01T12:00:05.300Z");
const ctx: CallContext = { source: { id: "src", workspaceId: "ws" }, receivedAt, isBrowser: false, ip: "203.0.113.9" };

function ok(raw: unknown, type?: Parameters<typeof prepareCall>[1], c: CallContext = ctx) {
  const call = prepareCall(raw, type, c);
  if (!call.ok) throw new Error(call.error);
  return { row: call.row, body: JSON.parse(call.row.payload) };
}

describe("prepareCall: enrichment", () => {
  it("corrects client clock skew with sentAt (timestamp = receivedAt - (sentAt - originalTimestamp))", () => {
    // client clock 1 h fast; the event happened 5 s before the request was sent
    const { body } = ok(
      { userId: "u", event: "E", timestamp: "2024-01-01T13:00:00.000Z", sentAt: "2024-01-01T13:00:05.000Z" },
      "track",
    );
    expect(body).toMatchObject({
      originalTimestamp: "2024-01-01T13:00:00.000Z",
      sentAt: "2024-01-01T13:00:05.000Z",
      timestamp: "2024-01-01T12:00:00.300Z",
      receivedAt: "2024-01-01T12:00:05.300Z",
    });
  });

  it("uses the batch's sentAt, keeps the given timestamp without sentAt, else receivedAt", () => {
    const batch = { sentAt: "2024-01-01T12:00:05.000Z" };
    expect(
      ok({ userId: "u", type: "page", timestamp: "2024-01-01T12:00:00.000Z" }, undefined, { ...ctx, batch }).body
        .timestamp,
    ).toBe("2024-01-01T12:00:00.300Z");
    expect(ok({ userId: "u", timestamp: "2023-06-01T00:00:00.000Z" }, "identify").body.timestamp).toBe(
      "2023-06-01T00:00:00.000Z",
    );
    const bare = ok({ userId: "u" }, "identify").body;
    expect(bare.timestamp).toBe(receivedAt.toISOString());
    expect(bare.originalTimestamp).toBeUndefined();
  });

  it("generates a messageId, drops the write key, merges batch context and integrations (item wins)", () => {
    const batch = { context: { library: { name: "lib" }, locale: "en" }, integrations: { All: false } };
    const { row, body } = ok(
      {
        type: "track",
        userId: 7,
        event: "E",
        writeKey: "secret",
        context: { locale: "fr" },
        integrations: { X: true },
      },
      undefined,
      { ...ctx, batch },
    );
    expect(body.messageId).toMatch(/^sluice-/);
    expect(row.messageId).toBe(body.messageId);
    expect(body.writeKey).toBeUndefined();
    expect(body.context).toEqual({ library: { name: "lib" }, locale: "fr" });
    expect(body.integrations).toEqual({ All: false, X: true });
    expect(row).toMatchObject({ userId: "7", name: "E", type: "track", status: "accepted" });
  });

  it("adds context.ip to browser calls only, and never overwrites one", () => {
    expect(ok({ userId: "u" }, "page", { ...ctx, isBrowser: true }).body.context.ip).toBe("203.0.113.9");
    expect(ok({ userId: "u" }, "page").body.context).toBeUndefined();
    expect(ok({ userId: "u", context: { ip: "1.1.1.1" } }, "page", { ...ctx, isBrowser: true }).body.context.ip).toBe(
      "1.1.1.1",
    );
  });

  it("takes the type from the path for single calls", () => {
    expect(ok({ userId: "u", type: "track" }, "identify").body.type).toBe("identify");
  });
});

describe("prepareCall: validation", () => {
  const cases: [string, unknown, Parameters<typeof prepareCall>[1], RegExp][] = [
    ["no identity", { event: "E" }, "track", /userId.*anonymousId/],
    ["track without event", { userId: "u", event: " " }, "track", /"event"/],
    ["alias without previousId", { userId: "u" }, "alias", /previousId/],
    ["group without groupId", { userId: "u" }, "group", /groupId/],
    ["batch item without type", { userId: "u" }, undefined, /"type" must be one of/],
    ["unknown type", { userId: "u", type: "bogus" }, undefined, /"type"/],
    ["messageId too long", { userId: "u", messageId: "x".repeat(101) }, "identify", /100 characters/],
    ["not an object", [1, 2], "track", /JSON object/],
  ];
  it.each(cases)("rejects %s and keeps it as a rejected row", (_label, raw, type, message) => {
    const call = prepareCall(raw, type, ctx);
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.error).toMatch(message);
    expect(call.row).toMatchObject({ status: "rejected", reason: call.error, payload: JSON.stringify(raw) });
    expect(call.row.messageId).toMatch(/^rejected-/);
  });

  it("keeps what a rejected call says of itself, for the debugger's row", () => {
    const call = prepareCall({ event: "Order Completed", anonymousId: " " }, "track", ctx);
    expect(call.ok).toBe(false);
    expect(call.row).toMatchObject({ type: "track", name: "Order Completed", userId: null, anonymousId: null });
    expect(prepareCall({ type: "bogus", event: "X", userId: "u" }, undefined, ctx).row).toMatchObject({ name: null });
  });

  it("lets identify use traits.email as the identifier (Customer.io)", () => {
    expect(prepareCall({ traits: { email: "a@b.co" } }, "identify", ctx).ok).toBe(true);
    expect(prepareCall({ traits: { email: "a@b.co" } }, "track", ctx).ok).toBe(false);
  });

  it("takes object calls without a person only when asked (the Track API's object operations), never other calls", () => {
    const objectOnly = { ...ctx, canOmitPersonForObjects: true };
    const group = { groupId: "acme", traits: { name: "Acme" } };
    const deleted = { event: "Object Deleted", properties: { objectId: "acme" } };
    expect(prepareCall(group, "group", ctx)).toMatchObject({ ok: false, code: "missing_identity" });
    expect(prepareCall(deleted, "track", ctx)).toMatchObject({ ok: false, code: "missing_identity" });
    expect(prepareCall(group, "group", objectOnly)).toMatchObject({
      ok: true,
      row: { userId: null, anonymousId: null },
    });
    expect(prepareCall(deleted, "track", objectOnly).ok).toBe(true);
    expect(prepareCall({ event: "Relationship Deleted" }, "track", objectOnly).ok).toBe(true);
    expect(prepareCall({ event: "Order Completed" }, "track", objectOnly).ok).toBe(false);
    expect(prepareCall({ traits: {} }, "identify", objectOnly).ok).toBe(false);
    expect(prepareCall({ traits: {} }, "group", objectOnly)).toMatchObject({ ok: false, code: "missing_group_id" });
  });
});
