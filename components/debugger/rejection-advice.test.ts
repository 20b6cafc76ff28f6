import { describe, expect, it } from "vitest";
import { rejectionAdvice } from "@/components/debugger/rejection-advice";
import { REASON_CODES } from "@/lib/ingest/reason-codes";
import { createTestSource, setUpIngestServers, storedEvents } from "@/lib/ingest/testing";

// The reasons come from ingest itself: each bad call goes through the real ingest path and the reason it stores
// (what the debugger shows) must get advice. A reworded ingest message that loses its advice fails here.
const { post } = setUpIngestServers();

const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });

// isNew: a rejection that came with reason codes, so no row stored before them has its message.
const badCalls: { path: string; body: unknown; advice: RegExp; isNew?: boolean }[] = [
  { path: "/v1/track", body: { event: "Order Completed" }, advice: /who it is about/ },
  { path: "/v1/track", body: { userId: "u1", event: "" }, advice: /event name/ },
  { path: "/v1/alias", body: { userId: "u2" }, advice: /old id/ },
  { path: "/v1/group", body: { userId: "u1" }, advice: /account or company/ },
  { path: "/v1/track", body: { userId: "u1", event: "E", messageId: { id: 1 } }, advice: /messageId/ },
  { path: "/v1/batch", body: { batch: [{ type: "purchase", userId: "u1" }] }, advice: /needs a type/ },
  { path: "/v1/track", body: "[1, 2]", advice: /JSON object/ },
  { path: "/v1/identify", body: { userId: "u2", traits: "not-an-object" }, advice: /are objects/, isNew: true },
  { path: "/v1/track", body: { userId: "u1", event: "E", properties: nested(70) }, advice: /at most 64 levels/ },
  {
    path: "/v1/track",
    body: { userId: "u1", event: "E", timestamp: "+275760-09-13T00:00:00.000Z" },
    advice: /four-digit year/,
  },
  {
    path: "/v1/batch",
    body: { batch: [{ type: "track", userId: "u1", event: "Big", properties: { blob: "x".repeat(40_000) } }] },
    advice: /Split large calls/,
  },
];

describe("rejectionAdvice", () => {
  it("explains how to fix each reason ingest stores for a rejected call", async () => {
    const source = await createTestSource();
    for (const call of badCalls) {
      const before = (await storedEvents(source.id, "rejected")).length;
      const res = await post(call.path, call.body, { key: source.writeKey, headers: { "x-strict-mode": "1" } });
      expect(res.status, JSON.stringify(call.body).slice(0, 80)).toBe(400);
      const rejected = await storedEvents(source.id, "rejected");
      expect(rejected.length, `${call.path} stored its rejection`).toBe(before + 1);
      const { reason, reasonCode } = rejected.at(-1)!;
      expect(reasonCode, `${call.path} stored a reason code`).not.toBeNull();
      expect(rejectionAdvice(reason, reasonCode), `advice for ingest's code ${reasonCode}`).toMatch(call.advice);
      // Keyed by the code: the same advice whatever the message says, and for rows stored before codes.
      expect(rejectionAdvice("reworded", reasonCode)).toMatch(call.advice);
      if (!call.isNew) {
        expect(rejectionAdvice(reason), `advice for the older row's reason "${reason}"`).toMatch(call.advice);
      }
    }
  });

  it("has advice for the codes a sender can fix, and says nothing rather than guessing", () => {
    for (const code of REASON_CODES.filter((c) => c !== "unprocessable")) {
      expect(rejectionAdvice(null, code), code).toEqual(expect.any(String));
    }
    expect(rejectionAdvice(null)).toBeNull();
    expect(rejectionAdvice("something new")).toBeNull();
    expect(rejectionAdvice("something new", "not_a_code")).toBeNull();
  });
});
