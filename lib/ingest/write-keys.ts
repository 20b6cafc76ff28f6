import "server-only";
import { db } from "@/lib/db";
import { SOURCE_CACHE_MAX, sourceCacheTiming } from "./config";
import { nowMs } from "./clock";
import { getIngestState, type CachedSource } from "./state";

// Write key → source, cached briefly in memory. Misses are cached apart (shorter, bounded), so a client stuck
// on a wrong key, or a flood of bad keys, costs the database one lookup per key per 2 s at most and
// never evicts the good keys. The sources feature calls invalidateWriteKey() when it creates a source or
// rotates, disables or deletes a key.

/** The cached answer for a write key without waiting: the source, null (unknown), or undefined (ask). */
export function cachedSourceByWriteKey(writeKey: string, now = nowMs()): CachedSource | null | undefined {
  const state = getIngestState();
  const hit = state.sources.get(writeKey);
  if (hit && hit.expiresAt > now) return hit.source;
  const missUntil = state.misses.get(writeKey);
  if (missUntil !== undefined && missUntil > now) return null;
  return undefined;
}

export function findSourceByWriteKey(writeKey: string, now = nowMs()): Promise<CachedSource | null> {
  const cached = cachedSourceByWriteKey(writeKey, now);
  if (cached !== undefined) return Promise.resolve(cached);
  return lookUpWriteKey(writeKey, now);
}

function lookUpWriteKey(writeKey: string, now: number): Promise<CachedSource | null> {
  if (!isPossibleWriteKey(writeKey)) return Promise.resolve(null);
  const state = getIngestState();
  state.misses.delete(writeKey);
  // Concurrent calls with one key share one lookup; lookups in flight are not cache entries, so a flood of
  // them cannot push the good keys out.
  const pending = state.pending.get(writeKey);
  if (pending) return pending;
  state.stats.writeKeyLookups++;
  const lookup = loadSource(writeKey);
  state.pending.set(writeKey, lookup);
  lookup.then(
    (found) => {
      if (state.pending.get(writeKey) !== lookup) return; // invalidated meanwhile: cache nothing
      state.pending.delete(writeKey);
      if (found) remember(state.sources, writeKey, { expiresAt: now + sourceCacheTiming.foundMs, source: found });
      else remember(state.misses, writeKey, now + sourceCacheTiming.unknownMs);
    },
    () => state.pending.get(writeKey) === lookup && state.pending.delete(writeKey), // errors are not cached
  );
  return lookup;
}

// Sluice's keys are 32 base64url characters; imported or test keys may differ, but none holds a control
// character (NUL: PostgreSQL refuses it and logs the whole query), U+FFFD (what invalid UTF-8 in a Basic
// header decodes to) or a lone surrogate, and none is longer than this. Such a key is unknown without asking.
const MAX_KEY_LENGTH = 256;
const IMPOSSIBLE_IN_KEY =
  /[\u0000-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isPossibleWriteKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && !IMPOSSIBLE_IN_KEY.test(key);
}

/** Map insertion order is age order: past the bound, the oldest entry goes (no sweep, O(1)). */
function remember<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  if (map.size >= SOURCE_CACHE_MAX) map.delete(map.keys().next().value!);
  map.set(key, value);
}

async function loadSource(writeKey: string): Promise<CachedSource | null> {
  const row = await db.source.findUnique({
    where: { writeKey },
    select: {
      id: true,
      workspaceId: true,
      enabled: true,
      firstEventAt: true,
      rateLimit: true,
      rateLimitWindowSeconds: true,
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    enabled: row.enabled,
    hasFirstEvent: row.firstEventAt !== null,
    rateLimit: row.rateLimit,
    rateWindowMs: row.rateLimitWindowSeconds ? row.rateLimitWindowSeconds * 1000 : null,
  };
}

/** Forget a write key now (create, rotate, disable, delete), so the next call reads the database. */
export function invalidateWriteKey(writeKey: string): void {
  const state = getIngestState();
  state.sources.delete(writeKey);
  state.misses.delete(writeKey);
  state.pending.delete(writeKey);
}

export function clearSourceCache(): void {
  const state = getIngestState();
  state.sources.clear();
  state.misses.clear();
  state.pending.clear();
}

/** Sets Source.firstEventAt once, on the first accepted event (the "waiting for data" state of a new source). */
export async function markFirstEvent(source: Pick<CachedSource, "id" | "hasFirstEvent">, at: Date): Promise<void> {
  if (source.hasFirstEvent) return;
  source.hasFirstEvent = true;
  try {
    await db.source.updateMany({ where: { id: source.id, firstEventAt: null }, data: { firstEventAt: at } });
  } catch (err) {
    source.hasFirstEvent = false;
    console.error("[sluice] could not set Source.firstEventAt:", err);
  }
}
