import "server-only";
import { db } from "@/lib/db";
import { SOURCE_CACHE_MS } from "./config";
import { getIngestState, type CachedSource } from "./state";

// Write key → source, cached briefly in memory (misses too, so a flood of bad keys does not reach the
// database). The sources feature calls invalidateWriteKey() when it rotates, disables or deletes a key.

export function findSourceByWriteKey(writeKey: string, now = Date.now()): Promise<CachedSource | null> {
  const cache = getIngestState().sources;
  const hit = cache.get(writeKey);
  if (hit && hit.expiresAt > now) return hit.source;
  if (cache.size > 10_000) cache.clear();
  const source = loadSource(writeKey);
  cache.set(writeKey, { expiresAt: now + SOURCE_CACHE_MS, source });
  source.catch(() => cache.delete(writeKey)); // a database error is not cached
  return source;
}

async function loadSource(writeKey: string): Promise<CachedSource | null> {
  const row = await db.source.findUnique({
    where: { writeKey },
    select: { id: true, workspaceId: true, enabled: true, firstEventAt: true },
  });
  if (!row) return null;
  return { id: row.id, workspaceId: row.workspaceId, enabled: row.enabled, hasFirstEvent: row.firstEventAt !== null };
}

/** Forget a write key now (rotate, disable, delete), so the next call reads the database. */
export function invalidateWriteKey(writeKey: string): void {
  getIngestState().sources.delete(writeKey);
}

export function clearSourceCache(): void {
  getIngestState().sources.clear();
}

/** Sets Source.firstEventAt once, on the first accepted event (the "waiting for data" state of a new source). */
export async function markFirstEvent(source: CachedSource, at: Date): Promise<void> {
  if (source.hasFirstEvent) return;
  source.hasFirstEvent = true;
  try {
    await db.source.updateMany({ where: { id: source.id, firstEventAt: null }, data: { firstEventAt: at } });
  } catch (err) {
    source.hasFirstEvent = false;
    console.error("[sluice] could not set Source.firstEventAt:", err);
  }
}
