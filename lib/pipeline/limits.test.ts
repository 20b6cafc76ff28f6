import { describe, expect, it } from "vitest";
import { RateLimiter, Semaphore } from "./limits";
import { parseDeliveryOptions } from "./options";

describe("Semaphore", () => {
  it("runs at most `limit` at once, in arrival order", async () => {
    const sem = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        sem.run(async () => {
          active++;
          peak = Math.max(peak, active);
          order.push(i);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("RateLimiter", () => {
  it("lets a burst of one second's worth through, then paces", async () => {
    const limiter = new RateLimiter(5);
    const started = Date.now();
    for (let i = 0; i < 5; i++) await limiter.take();
    const burst = Date.now() - started;
    await limiter.take(); // the sixth waits for a token
    expect(Date.now() - started).toBeGreaterThanOrEqual(burst + 150);
  });

  it("is a no-op when unlimited", async () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) await limiter.take();
  });
});

describe("parseDeliveryOptions", () => {
  it("applies a destination's overrides within bounds and ignores the rest", () => {
    const o = parseDeliveryOptions(JSON.stringify({ concurrency: 500, timeoutMs: 2500, bogus: 1, retryCapMs: "x" }));
    expect(o.concurrency).toBe(200);
    expect(o.timeoutMs).toBe(2500);
    expect(o.retryCapMs).toBe(parseDeliveryOptions(null).retryCapMs);
    expect(parseDeliveryOptions("not json")).toEqual(parseDeliveryOptions(null));
  });
});
