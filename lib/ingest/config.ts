// Ingest limits (Segment's and Customer.io's published ones) and the rate-limit settings from the environment.

export const KB = 1024;
export const LIMITS = {
  callBytes: 32 * KB,
  batchBytes: 500 * KB,
  batchItemBytes: 32 * KB,
  batchItems: 2500,
  messageIdLength: 100,
  /** How much of a rejected call's raw text the event log keeps for the debugger. */
  rejectedPayloadBytes: 8 * KB,
} as const;

export interface RateLimitConfig {
  /** Calls per window per source; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

/**
 * SLUICE_INGEST_RATE_LIMIT (default 3000) calls per SLUICE_INGEST_RATE_WINDOW_SECONDS (default 3) per source,
 * Customer.io's published soft limit. Read on every check, so a test (or an operator) can change it live.
 */
export function getRateLimitConfig(): RateLimitConfig {
  const limit = Number(process.env.SLUICE_INGEST_RATE_LIMIT ?? 3000);
  const seconds = Number(process.env.SLUICE_INGEST_RATE_WINDOW_SECONDS ?? 3);
  return {
    limit: Number.isFinite(limit) && limit >= 0 ? limit : 3000,
    windowMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 3) * 1000,
  };
}

/**
 * How long a found write key is cached (rotate/disable also call invalidateWriteKey()), and how long an unknown
 * one is remembered as unknown: short, as another process may create it meanwhile. Mutable for tests only.
 */
export const sourceCacheTiming = { foundMs: 5000, unknownMs: 2000 };
/** Entries each of the found and unknown write-key caches holds at most (the oldest go first). */
export const SOURCE_CACHE_MAX = 10_000;
