import { getRateLimitConfig } from "./config";
import { getIngestState, type CachedSource, type RateWindow } from "./state";

// The per-source ingest rate limit: a fixed window counting the calls let through. Off unless the server sets
// SLUICE_INGEST_RATE_LIMIT or the source its own limit (Source.rateLimit). Checked synchronously from memory,
// before the body is read, so a limited call costs a map lookup and a precomputed 429, nothing else. Across
// web processes on PostgreSQL each process adds its calls to a shared row a few times a second and reads the
// total back (rate-limit-shared.ts): the limit holds across processes within what they let through between
// two of those exchanges.

/** The limit in force for a source: its own (0 = none), else the server's. */
export function limitOf(source: CachedSource): { calls: number; windowMs: number } {
  const server = getRateLimitConfig();
  if (source.rateLimit === null) return server;
  return { calls: source.rateLimit, windowMs: source.rateWindowMs ?? server.windowMs };
}

/**
 * Counts a call of `source`; answers 0 when it may go on, else the seconds until its window ends (Retry-After).
 * A limited call is counted apart (Source.limitedCalls, flushed by rate-limit-shared.ts), never stored as an event.
 */
export function checkRateLimit(source: CachedSource, now = Date.now()): number {
  const { calls, windowMs } = limitOf(source);
  if (calls === 0) return 0;
  const state = getIngestState();
  let w = state.rateWindows.get(source.id);
  if (!w || now - w.start >= windowMs || w.windowMs !== windowMs) {
    if (state.rateWindows.size > 10_000) sweep(state.rateWindows, now);
    const start = now - (now % windowMs); // aligned, so that every process counts in the same windows
    w = { start, windowMs, mine: 0, synced: 0, others: 0 };
    state.rateWindows.set(source.id, w);
  }
  state.wakeSync?.();
  if (w.mine + w.others < calls) {
    w.mine++;
    return 0;
  }
  state.limitedSince.set(source.id, (state.limitedSince.get(source.id) ?? 0) + 1);
  return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
}

function sweep(windows: Map<string, RateWindow>, now: number) {
  for (const [key, w] of windows) if (now - w.start >= w.windowMs) windows.delete(key);
}
