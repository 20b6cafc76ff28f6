// Per-process ingest state, on globalThis so that every bundle containing lib/ingest (each Next.js route,
// the custom server's fast path) shares one source cache and one set of rate-limit counters.

export interface CachedSource {
  id: string;
  workspaceId: string;
  enabled: boolean;
  hasFirstEvent: boolean;
}

export interface IngestState {
  sources: Map<string, { expiresAt: number; source: Promise<CachedSource | null> }>;
  rateWindows: Map<string, { start: number; count: number }>;
}

const holder = globalThis as unknown as { sluiceIngestState?: IngestState };

export function getIngestState(): IngestState {
  return (holder.sluiceIngestState ??= { sources: new Map(), rateWindows: new Map() });
}
