import { describe, expect, it } from "vitest";
import { nextAttemptAt, retryDelayMs } from "./backoff";

const policy = { retryBaseMs: 10_000, retryCapMs: 600_000, retryMaxAgeMs: 4 * 3600_000 };

describe("retryDelayMs", () => {
  it("grows exponentially from the base to the cap, with full jitter below the ceiling", () => {
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(10_000);
    expect(retryDelayMs(policy, 2, undefined, () => 1)).toBe(20_000);
    expect(retryDelayMs(policy, 7, undefined, () => 1)).toBe(600_000); // 640 s capped at 10 min
    expect(retryDelayMs(policy, 50, undefined, () => 1)).toBe(600_000);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(1000); // the floor
    const samples = Array.from({ length: 200 }, () => retryDelayMs(policy, 4));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(80_000);
    expect(new Set(samples).size).toBeGreaterThan(100); // jittered, not one value
  });

  it("honours a longer Retry-After", () => {
    expect(retryDelayMs(policy, 1, 120_000, () => 0.5)).toBe(120_000);
    expect(retryDelayMs({ ...policy, retryBaseMs: 10 }, 1, 2000, () => 1)).toBe(2000);
  });
});

describe("nextAttemptAt", () => {
  it("stops once the retry window since the first attempt is over", () => {
    const first = new Date("2026-01-01T00:00:00Z");
    const early = new Date("2026-01-01T00:01:00Z");
    expect(nextAttemptAt(policy, 2, first, early)).not.toBeNull();
    const late = new Date("2026-01-01T03:59:59Z");
    expect(nextAttemptAt({ ...policy, retryBaseMs: 600_000 }, 20, first, late)).toBeNull();
    expect(nextAttemptAt({ ...policy, retryMaxAgeMs: 0 }, 1, first, first)).toBeNull();
  });
});
