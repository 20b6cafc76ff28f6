import { afterEach, describe, expect, it } from "vitest";
import { publishEvents, subscribedWorkspaces, subscribeToEventBatches, subscribeToEvents } from "./bus";
import type { StoredEvent } from "./types";

const event = (id: number, workspaceId: string): StoredEvent => ({
  id: String(id),
  workspaceId,
  sourceId: `src-${workspaceId}`,
  messageId: `m-${id}`,
  type: "track",
  name: "Signed Up",
  userId: "u1",
  anonymousId: null,
  payload: "{}",
  receivedAt: new Date(),
  status: "accepted",
  reason: null,
  reasonCode: null,
});

const offs: (() => void)[] = [];
afterEach(() => offs.splice(0).forEach((off) => off()));

describe("the live bus", () => {
  it("hands a batch listener each publish whole, and event listeners each event of their workspace", () => {
    const batches: string[][] = [];
    const wsA: string[] = [];
    const all: string[] = [];
    offs.push(subscribeToEventBatches((events) => batches.push(events.map((e) => e.id))));
    offs.push(subscribeToEvents((e) => wsA.push(e.id), "bus-a"));
    offs.push(subscribeToEvents((e) => all.push(e.id)));
    publishEvents([event(1, "bus-a"), event(2, "bus-b"), event(3, "bus-a")]);
    publishEvents([event(4, "bus-b")]);
    expect(batches).toEqual([["1", "2", "3"], ["4"]]);
    expect(wsA).toEqual(["1", "3"]);
    expect(all).toEqual(["1", "2", "3", "4"]);
  });

  it("counts a batch listener as listening to every workspace (the PostgreSQL tail then fetches all)", () => {
    expect(subscribedWorkspaces()).toEqual([]);
    offs.push(subscribeToEvents(() => undefined, "bus-a"));
    expect(subscribedWorkspaces()).toEqual(["bus-a"]);
    offs.push(subscribeToEventBatches(() => undefined));
    expect(subscribedWorkspaces()).toBe("all");
  });

  it("keeps delivering to the others when a listener throws", () => {
    const seen: string[] = [];
    offs.push(
      subscribeToEventBatches(() => {
        throw new Error("broken listener");
      }),
    );
    offs.push(subscribeToEvents((e) => seen.push(e.id)));
    const error = console.error;
    console.error = () => undefined;
    try {
      publishEvents([event(5, "bus-a")]);
    } finally {
      console.error = error;
    }
    expect(seen).toEqual(["5"]);
  });
});
