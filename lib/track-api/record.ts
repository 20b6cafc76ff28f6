import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { sourceForTrackingKey } from "@/lib/data/tracking-key-sources";
import { ingestCalls } from "@/lib/ingest/ingest-calls";
import type { TrackKey } from "./auth";
import { entityToCall, type SegmentCall } from "./as-calls";

// Each tracking key has a source ("Journeys API — <key name>", lib/data/tracking-key-sources.ts) so that Track
// API traffic is stored in the event log like any other call: shown in the debugger, counted, and delivered to
// other destinations connected to that source. The router collects the operations a request applied; the
// recorder appends them as Segment calls. Calls the Journeys destination makes in-process are not recorded
// (they are already in the log, as the calls they were mapped from).

export type TrackApiRecorder = (key: TrackKey, calls: SegmentCall[]) => Promise<void>;

/** Stores the calls under the key's source through ingest (validated, enriched, one group commit). The
 *  Journeys destination's own key has no source: its calls came from the log in the first place. */
const storeAsCalls: TrackApiRecorder = async (key, calls) => {
  const source = await sourceForTrackingKey(key.workspaceId, key.keyId);
  if (!source?.enabled) return;
  const result = await ingestCalls(
    { id: source.id, workspaceId: source.workspaceId, hasFirstEvent: source.firstEventAt !== null },
    calls,
    // An object operation with no person attached succeeded: it is stored as the person-less call it was.
    { canOmitPersonForObjects: true },
  );
  if (result.errors.length) console.warn(`[sluice] Track API calls stored as rejected: ${result.errors.join("; ")}`);
};

let recorder: TrackApiRecorder = storeAsCalls;

/** Replaces how applied operations are recorded (tests); null restores storing them through ingest. */
export function setTrackApiRecorder(next: TrackApiRecorder | null) {
  recorder = next ?? storeAsCalls;
}

const applied = new AsyncLocalStorage<unknown[]>();

/** Runs one request's work, collecting the operations it applied. */
export function collectApplied<T>(fn: () => Promise<T>): { result: Promise<T>; operations: unknown[] } {
  const operations: unknown[] = [];
  return { result: applied.run(operations, fn), operations };
}

/** Called by applyEntity after an operation succeeded. */
export function noteApplied(entity: unknown) {
  applied.getStore()?.push(entity);
}

export async function recordApplied(key: TrackKey, operations: unknown[]): Promise<void> {
  if (operations.length === 0) return;
  const now = new Date();
  const calls = operations.map((op) => entityToCall(op, now)).filter((c): c is SegmentCall => c !== null);
  if (calls.length) await recorder(key, calls);
}
