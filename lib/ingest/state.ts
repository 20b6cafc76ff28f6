// Per-process ingest state, on globalThis so that every bundle containing lib/ingest (each Next.js route,
// the custom server's fast path) shares one source cache and one set of rate-limit counters.

export interface CachedSource {
  id: string;
  workspaceId: string;
  enabled: boolean;
  hasFirstEvent: boolean;
}

export interface IngestState {
  /** Write keys found, until the time given. */
  sources: Map<string, { expiresAt: number; source: CachedSource }>;
  /** Write keys known not to exist, until the time given. */
  misses: Map<string, number>;
  /** Lookups in flight, shared by concurrent calls with the same key. */
  pending: Map<string, Promise<CachedSource | null>>;
  rateWindows: Map<string, { start: number; count: number }>;
  stats: { writeKeyLookups: number };
}

const holder = globalThis as unknown as { sluiceIngestState?: IngestState };

export function getIngestState(): IngestState {
  const state = (holder.sluiceIngestState ??= {} as IngestState);
  // Field by field: a dev server's hot reload keeps the state an older version of this module created.
  state.sources ??= new Map();
  state.misses ??= new Map();
  state.pending ??= new Map();
  state.rateWindows ??= new Map();
  state.stats ??= { writeKeyLookups: 0 };
  return state;
}

/** Counters for tests and diagnostics: how many write-key lookups reached the database in this process. */
export function getIngestStats(): Readonly<IngestState["stats"]> {
  return { ...getIngestState().stats };
}
