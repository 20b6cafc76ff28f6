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
  calls: number;
  windowMs: number;
}

let cached: { raw: string | undefined; rawWindow: string | undefined; config: RateLimitConfig } | undefined;

/**
 * The server's default ingest rate limit: SLUICE_INGEST_RATE_LIMIT calls (default 0: none — the owner of a
 * self-hosted pipeline owns the machine; a source can set its own limit) per SLUICE_INGEST_RATE_WINDOW_SECONDS
 * (default 1) per source. Read on every check (an environment lookup), so a test or an operator can change it.
 */
export function getRateLimitConfig(): RateLimitConfig {
  const raw = process.env.SLUICE_INGEST_RATE_LIMIT;
  const rawWindow = process.env.SLUICE_INGEST_RATE_WINDOW_SECONDS;
  if (cached && cached.raw === raw && cached.rawWindow === rawWindow) return cached.config;
  const calls = Number(raw ?? 0);
  const seconds = Number(rawWindow ?? 1);
  const config = {
    calls: Number.isInteger(calls) && calls >= 0 ? calls : 0,
    windowMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000,
  };
  cached = { raw, rawWindow, config };
  return config;
}

/**
 * How long a found write key is cached (rotate/disable also call invalidateWriteKey()), and how long an unknown
 * one is remembered as unknown: short, as another process may create it meanwhile. Mutable for tests only.
 */
export const sourceCacheTiming = { foundMs: 5000, unknownMs: 2000 };
/** Entries each of the found and unknown write-key caches holds at most (the oldest go first). */
export const SOURCE_CACHE_MAX = 10_000;
