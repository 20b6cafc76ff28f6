import { describe, expect, it } from "vitest";
import type { DeliveryDto, EventRoutingDto } from "@/lib/schemas/deliveries";
import { applyOutcomeUpdates, buildJourney, summarizeJourney } from "./journey";

const routing: EventRoutingDto[] = [
  {
    destinationId: "d1",
    destinationName: "Hook",
    actions: [
      { actionId: "a1", actionName: "Orders", taken: true },
      { actionId: "a2", actionName: "Signups", taken: false, reason: "trigger", message: "The trigger does not match" },
    ],
  },
  { destinationId: "d2", destinationName: "Mixpanel", actions: [{ actionId: "a3", actionName: "Track", taken: true }] },
];

function delivery(over: Partial<DeliveryDto>): DeliveryDto {
  return {
    id: "1",
    eventId: "10",
    destinationId: "d1",
    actionId: "a1",
    status: "delivered",
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    statusCode: 200,
    latencyMs: 12,
    replayId: null,
    createdAt: "2026-12-01T10:00:00.000Z",
    updatedAt: "2026-12-01T10:00:00.000Z",
    ...over,
  };
}

describe("an event's journey", () => {
  it("has one line per action: delivered, filtered with its reason, pending when no outcome yet", () => {
    const lines = buildJourney(routing, [delivery({})]);
    expect(lines.map((l) => [l.actionName, l.status, l.reason])).toEqual([
      ["Orders", "delivered", null],
      ["Signups", "filtered", "trigger"],
      ["Track", "pending", null],
    ]);
    expect(lines[0]).toMatchObject({ deliveryId: "1", statusCode: 200, latencyMs: 12 });
    expect(summarizeJourney(lines)).toMatchObject({ text: "1 delivered · 1 pending · 1 filtered", hasFailure: false });
  });

  it("keeps a delivery of an action no longer routed", () => {
    const lines = buildJourney(routing, [delivery({ actionId: "gone", destinationId: "d9", status: "dead" })]);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ actionId: "gone", status: "dead" });
    expect(summarizeJourney(lines).hasFailure).toBe(true);
  });

  it("applies live updates of its own event, newest state wins, and shows the next attempt while retrying", () => {
    const lines = buildJourney(routing, []);
    const retrying = delivery({
      actionId: "a3",
      destinationId: "d2",
      status: "retrying",
      attempts: 1,
      statusCode: 503,
      nextAttemptAt: "2026-12-01T10:00:10.000Z",
      updatedAt: "2026-12-01T10:00:01.000Z",
    });
    const failed = { ...retrying, status: "failed" as const, attempts: 2, updatedAt: "2026-12-01T10:00:11.000Z" };
    const other = delivery({ eventId: "11", actionId: "a1" });
    const once = applyOutcomeUpdates(lines, "10", [retrying, other]);
    expect(once[2]).toMatchObject({ status: "retrying", attempts: 1, nextAttemptAt: "2026-12-01T10:00:10.000Z" });
    expect(once[0]!.status).toBe("pending"); // the other event's update is not this one's
    const twice = applyOutcomeUpdates(once, "10", [failed, retrying]); // a late, older update arrives last
    expect(twice[2]).toMatchObject({ status: "failed", attempts: 2, nextAttemptAt: null });
    expect(summarizeJourney(twice)).toMatchObject({ text: "1 pending · 1 failed · 1 filtered", hasFailure: true });
    expect(applyOutcomeUpdates(twice, "10", [])).toBe(twice);
  });

  it("a routed event (the cursor passed it) an action takes today but without a delivery: not sent, until a replay sends it", () => {
    const routed = routing.map((r) => ({ ...r, isRouted: r.destinationId === "d2" }));
    const lines = buildJourney(routed, []);
    expect(lines.map((l) => [l.actionName, l.status, l.reason])).toEqual([
      ["Orders", "pending", null],
      ["Signups", "filtered", "trigger"],
      ["Track", "filtered", "changed_since"],
    ]);
    expect(lines[2]!.message).toMatch(/^Not sent: /);
    const replayed = applyOutcomeUpdates(lines, "10", [delivery({ actionId: "a3", destinationId: "d2" })]);
    expect(replayed[2]).toMatchObject({ status: "delivered", reason: null, message: null });
    expect(buildJourney(routed, [delivery({ actionId: "a3", destinationId: "d2" })])[2]!.status).toBe("delivered");
  });
});
