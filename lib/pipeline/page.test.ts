import { describe, expect, it } from "vitest";
import type { ActionConfig, DestinationConfig } from "./config";
import type { PerformContext, WorkItem } from "./deliver";
import { RateLimiter, Semaphore } from "./limits";
import { parseDeliveryOptions } from "./options";
import { performGroups } from "./page";
import type { PerformFn } from "./perform";

const action = (id: string, batching = false): ActionConfig => ({
  id,
  name: id,
  actionKey: "send",
  trigger: 'type = "track"',
  mapping: {},
  enabled: true,
  batching,
  batchSize: 4,
  batchWaitMs: 0,
});

const destination: DestinationConfig = {
  id: "dest_1",
  workspaceId: "ws_1",
  slug: "webhook",
  enabled: true,
  names: ["Webhook"],
  settings: {},
  settingsError: null,
  options: parseDeliveryOptions(null),
  sourceIds: ["src_1"],
  actions: [],
  createdAt: new Date(),
  version: 1,
};

const items = (n: number): WorkItem[] =>
  Array.from({ length: n }, (_, i) => ({
    event: { id: BigInt(i + 1), workspaceId: "ws_1", sourceId: "src_1", payload: "{}", receivedAt: new Date() },
    parsed: { type: "track", messageId: `m${i + 1}` },
    attempt: 1,
  }));

function context(perform: PerformFn, limit: number, signal = new AbortController().signal): PerformContext {
  return { perform, semaphore: new Semaphore(limit), rateLimiter: new RateLimiter(0), signal, replayId: null };
}

describe("performGroups", () => {
  it("keeps at most the destination's concurrency in flight and answers in the page's order", async () => {
    let active = 0;
    let peak = 0;
    const perform: PerformFn = async (input) => {
      active++;
      peak = Math.max(peak, active);
      // Later events answer sooner: the outcomes must still come back in the page's order.
      await new Promise((r) => setTimeout(r, 30 - Number(input.events[0]!.messageId!.slice(1))));
      active--;
      return {
        items: input.events.map(() => ({ ok: true, retryable: false, status: 200 })),
        exchanges: [],
        durationMs: 1,
      };
    };
    const outcomes = await performGroups(destination, new Map([[action("a"), items(25)]]), context(perform, 3));
    expect(peak).toBe(3);
    expect(outcomes!.map((o) => o.eventId)).toEqual(items(25).map((i) => i.event.id));
    expect(outcomes!.every((o) => o.status === "delivered")).toBe(true);
  });

  it("sends a batching action's events in batches of its size, beside another action's single performs", async () => {
    const sizes: number[] = [];
    const perform: PerformFn = async (input) => {
      sizes.push(input.events.length);
      return { items: input.events.map(() => ({ ok: true, retryable: false })), exchanges: [], durationMs: 1 };
    };
    const groups = new Map([
      [action("batched", true), items(10)],
      [action("single"), items(2)],
    ]);
    const outcomes = await performGroups(destination, groups, context(perform, 10));
    expect(sizes).toEqual([4, 4, 2, 1, 1]);
    expect(outcomes).toHaveLength(12);
  });

  it("answers null when shutdown aborted the page", async () => {
    const stop = new AbortController();
    const perform: PerformFn = async (input) => {
      stop.abort();
      return { items: input.events.map(() => ({ ok: true, retryable: false })), exchanges: [], durationMs: 1 };
    };
    expect(await performGroups(destination, new Map([[action("a"), items(5)]]), context(perform, 2, stop.signal))).toBe(
      null,
    );
  });
});
