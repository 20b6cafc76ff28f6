import { getRateLimitConfig } from "./config";
import { getIngestState } from "./state";

// Fixed-window counter per source. Returns the seconds to wait when the source is over its limit.
export function checkRateLimit(sourceId: string, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
  const { limit, windowMs } = getRateLimitConfig();
  if (limit === 0) return { ok: true };
  const windows = getIngestState().rateWindows;
  let w = windows.get(sourceId);
  if (!w || now - w.start >= windowMs) {
    if (windows.size > 10_000) sweep(windows, now, windowMs);
    w = { start: now, count: 0 };
    windows.set(sourceId, w);
  }
  w.count++;
  if (w.count <= limit) return { ok: true };
  return { ok: false, retryAfter: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
}

function sweep(windows: Map<string, { start: number }>, now: number, windowMs: number) {
  for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
}
