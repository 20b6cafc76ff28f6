import type { DeliveryOptions } from "./options";

// Retry policy: exponential backoff with full jitter — attempt n waits a uniform random time up to
// min(cap, base · 2^(n-1)) (never less than a small floor, so a failing destination is not hammered), or the
// destination's Retry-After when that is longer; retries stop once the window since the first attempt is over.

export type RetryPolicy = Pick<DeliveryOptions, "retryBaseMs" | "retryCapMs" | "retryMaxAgeMs">;

/** The wait before the next try after the `attempt`-th failed one (1-based). */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.retryCapMs, policy.retryBaseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  const floor = Math.min(ceiling, 1000, policy.retryBaseMs);
  const jittered = floor + random() * (ceiling - floor);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** When to try again, or null when the retry window (from the first attempt) is used up: then it is dead. */
export function nextAttemptAt(
  policy: RetryPolicy,
  attempt: number,
  firstAttemptAt: Date,
  now: Date,
  retryAfterMs?: number,
): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(policy, attempt, retryAfterMs));
  return next.getTime() - firstAttemptAt.getTime() > policy.retryMaxAgeMs ? null : next;
}
