// Per-process ingest state, on globalThis so that every bundle containing lib/ingest (each Next.js route,
// the custom server's fast path) shares one source cache and one set of rate-limit counters.

export interface CachedSource {
  id: string;
  workspaceId: string;
  enabled: boolean;
  hasFirstEvent: boolean;
  /** The source's own rate limit in calls per window (0: none); null: the server's. */
  rateLimit: number | null;
  /** The source's own window, when it sets one. */
  rateWindowMs: number | null;
}

/** One source's current rate-limit window in this process. */
export interface RateWindow {
  /** Aligned to the window length (every process counts the same windows). */
  start: number;
  windowMs: number;
  /** Calls this process let through in the window. */
  mine: number;
  /** Of `mine`, how many the shared counter already holds (PostgreSQL). */
  synced: number;
  /** Calls the other processes let through in the window, as of the last exchange (PostgreSQL). */
  others: number;
}

export interface IngestState {
  /** Write keys found, until the time given. */
  sources: Map<string, { expiresAt: number; source: CachedSource }>;
  /** Write keys known not to exist, until the time given. */
  misses: Map<string, number>;
  /** Lookups in flight, shared by concurrent calls with the same key. */
  pending: Map<string, Promise<CachedSource | null>>;
  rateWindows: Map<string, RateWindow>;
  /** Calls answered 429 per source since they were last added to Source.limitedCalls. */
  limitedSince: Map<string, number>;
  /** Set by rate-limit-shared.ts: keeps its flush timer running while limits are in use. */
  wakeSync?: () => void;
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
  state.limitedSince ??= new Map();
  state.stats ??= { writeKeyLookups: 0 };
  return state;
}

/** Counters for tests and diagnostics: how many write-key lookups reached the database in this process. */
export function getIngestStats(): Readonly<IngestState["stats"]> {
  return { ...getIngestState().stats };
}
