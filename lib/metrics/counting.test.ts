import { describe, expect, it } from "vitest";
import type { Outcome } from "@/lib/pipeline/outcomes";
import { clipMessage, countErrors, countOutcomes, ERROR_MESSAGE_CHARS, OTHER_ERRORS } from "./delivery";
import { bucketOf } from "./histogram";
import { countEvents, OTHER_NAMES } from "./ingest";
import { minuteOf } from "./range";

// How a page of outcomes and a batch of events become aggregate rows (no database).

function outcome(partial: Partial<Outcome>): Outcome {
  return {
    workspaceId: "ws",
    destinationId: "d",
    actionId: "a",
    eventId: 1n,
    sourceId: "s",
    status: "delivered",
    attempt: 1,
    firstAttemptAt: new Date(),
    nextAttemptAt: null,
    error: null,
    statusCode: 200,
    latencyMs: 120,
    replayId: null,
    record: {
      startedAt: new Date(),
      durationMs: 5,
      ok: true,
      statusCode: 200,
      error: null,
      request: null,
      response: null,
    },
    ...partial,
  };
}

describe("delivery counts of a page", () => {
  it("counts each outcome once by status, latencies of delivered ones only, filtered per action", () => {
    const rows = countOutcomes(
      [
        outcome({}),
        outcome({ latencyMs: 4000 }),
        outcome({ status: "failed", error: "HTTP 400", latencyMs: null }),
        outcome({ status: "retrying", error: "timeout", latencyMs: null }),
        outcome({ sourceId: "s2", status: "dead", error: "HTTP 503" }),
      ],
      [{ workspaceId: "ws", destinationId: "d", actionId: "a", count: 6 }],
    );
    expect(rows.map((r) => [r.sourceId, r.counts])).toEqual([
      ["", { delivered: 0, failed: 0, dead: 0, retrying: 0, filtered: 6 }],
      ["s", { delivered: 2, failed: 1, dead: 0, retrying: 1, filtered: 0 }],
      ["s2", { delivered: 0, failed: 0, dead: 1, retrying: 0, filtered: 0 }],
    ]);
    const s = rows[1]!.histogram;
    expect(s.reduce((a, b) => a + b, 0)).toBe(2);
    expect(s[bucketOf(120)]).toBe(1);
    expect(s[bucketOf(4000)]).toBe(1);
    expect(rows[2]!.histogram.every((n) => n === 0)).toBe(true); // dead: no latency
  });

  it("counts error messages per action, clipped, the 20 most frequent kept and the rest as one", () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      Array.from({ length: 30 - i }, () => outcome({ status: "failed", error: `error number ${i}` })),
    ).flat();
    const rows = countErrors([
      ...many,
      outcome({}),
      outcome({ actionId: "b", status: "dead", error: "x".repeat(500) }),
    ]);
    const a = rows.filter((r) => r.actionId === "a");
    expect(a).toHaveLength(21);
    expect(a.find((r) => r.message === "error number 0")!.count).toBe(30);
    expect(a.find((r) => r.message === OTHER_ERRORS)!.count).toBe(10 + 9 + 8 + 7 + 6); // numbers 20…24
    expect(a.reduce((n, r) => n + r.count, 0)).toBe(many.length);
    const b = rows.find((r) => r.actionId === "b")!;
    expect(b.message).toHaveLength(ERROR_MESSAGE_CHARS);
    expect(b.count).toBe(1);
  });

  it("puts a message on one line", () => {
    expect(clipMessage("  HTTP 500\n  upstream   failed ")).toBe("HTTP 500 upstream failed");
    expect(clipMessage("")).toBe("(no message)");
  });
});

describe("ingest counts of a batch", () => {
  const at = (minute: number) => minuteOf(new Date(Date.UTC(2026, 11, 1, 10, minute, 30)));
  const event = (minute: number, type: string, name: string | null, status = "accepted") => ({
    workspaceId: "ws",
    sourceId: "s",
    type,
    name,
    status,
    minute: at(minute),
    n: 1,
  });

  it("counts by source, minute and hour row, and type; rejected ones by the type they claimed", () => {
    const { calls, names } = countEvents([
      event(1, "track", "Signed Up"),
      event(1, "track", "Signed Up"),
      event(2, "identify", null),
      event(2, "track", null, "rejected"),
    ]);
    const minuteRows = calls.filter((c) => c.span === 1);
    const hourRows = calls.filter((c) => c.span === 60);
    expect(minuteRows.map((c) => [c.type, c.accepted, c.rejected])).toEqual([
      ["track", 2, 0],
      ["identify", 1, 0],
      ["track", 0, 1],
    ]);
    expect(hourRows.map((c) => [c.type, c.accepted, c.rejected])).toEqual([
      ["track", 2, 1],
      ["identify", 1, 0],
    ]);
    expect(names.filter((n) => n.span === 60)).toEqual([expect.objectContaining({ name: "Signed Up", count: 2 })]);
  });

  it("adds up groups the database counted", () => {
    const { calls, names } = countEvents([
      { ...event(1, "track", "Signed Up"), n: 3 },
      { ...event(59, "track", "Signed Up"), n: 4 },
      { ...event(59, "track", null, "rejected"), n: 2 },
    ]);
    expect(calls.filter((c) => c.span === 60).map((c) => [c.accepted, c.rejected])).toEqual([[7, 2]]);
    expect(names.filter((n) => n.span === 1).map((n) => n.count)).toEqual([3, 4]);
  });

  it("keeps the 50 most frequent names of a row and counts the rest as one", () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      Array.from({ length: 61 - i }, () => event(5, "track", `Event ${i}`)),
    ).flat();
    const { names } = countEvents(events);
    const minute = names.filter((n) => n.span === 1);
    expect(minute).toHaveLength(51);
    expect(minute.find((n) => n.name === OTHER_NAMES)!.count).toBe(11 + 10 + 9 + 8 + 7 + 6 + 5 + 4 + 3 + 2);
    expect(minute.reduce((n, r) => n + r.count, 0)).toBe(events.length);
  });
});
