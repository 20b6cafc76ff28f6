import "server-only";

// A destination's delivery options: the defaults (the policy), overridable per destination through its
// `delivery` JSON column and, for tests and benchmarks, through environment variables.

export interface DeliveryOptions {
  /** Performs in flight at once for this destination. */
  concurrency: number;
  /** Requests per second at most; 0 = unlimited. */
  rateLimitPerSec: number;
  /** One perform's timeout. */
  timeoutMs: number;
  /** Backoff: the first retry waits up to this long (full jitter), doubling each attempt… */
  retryBaseMs: number;
  /** …up to this cap… */
  retryCapMs: number;
  /** …for at most this long after the first attempt; then the delivery is dead. */
  retryMaxAgeMs: number;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function defaultDeliveryOptions(): DeliveryOptions {
  return {
    concurrency: envNumber("SLUICE_DELIVERY_CONCURRENCY", 10),
    rateLimitPerSec: envNumber("SLUICE_DELIVERY_RATE_LIMIT", 0),
    timeoutMs: envNumber("SLUICE_DELIVERY_TIMEOUT_MS", 10_000),
    retryBaseMs: envNumber("SLUICE_RETRY_BASE_MS", 10_000),
    retryCapMs: envNumber("SLUICE_RETRY_CAP_MS", 10 * 60_000),
    retryMaxAgeMs: envNumber("SLUICE_RETRY_MAX_AGE_MS", 4 * 60 * 60_000),
  };
}

const LIMITS: Record<keyof DeliveryOptions, [number, number]> = {
  concurrency: [1, 200],
  rateLimitPerSec: [0, 100_000],
  timeoutMs: [100, 120_000],
  retryBaseMs: [0, 24 * 60 * 60_000],
  retryCapMs: [0, 24 * 60 * 60_000],
  retryMaxAgeMs: [0, 7 * 24 * 60 * 60_000],
};

/** The defaults with a destination's stored overrides applied (unknown keys and bad values ignored). */
export function parseDeliveryOptions(stored: string | null | undefined): DeliveryOptions {
  const options = defaultDeliveryOptions();
  if (!stored) return options;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return options;
  }
  if (typeof raw !== "object" || raw === null) return options;
  for (const key of Object.keys(LIMITS) as (keyof DeliveryOptions)[]) {
    const value = (raw as Record<string, unknown>)[key];
    const [min, max] = LIMITS[key];
    if (typeof value === "number" && Number.isFinite(value)) options[key] = Math.min(max, Math.max(min, value));
  }
  return options;
}

export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_BATCH_WAIT_MS = 1000;
