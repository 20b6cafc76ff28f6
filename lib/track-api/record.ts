import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { TrackKey } from "./auth";
import { entityToCall, type SegmentCall } from "./as-calls";

// Each tracking key has a source ("Journeys API — <key name>", lib/data/tracking-key-sources.ts) so that Track
// API traffic is stored in the event log like any other call: shown in the debugger, counted, and delivered to
// other destinations connected to that source. The router collects the operations a request applied; the
// recorder appends them as Segment calls. Calls the Journeys destination makes in-process are not recorded
// (they are already in the log, as the calls they were mapped from).

export type TrackApiRecorder = (key: TrackKey, calls: SegmentCall[]) => Promise<void>;

// TODO(#14): wire the recorder to lib/ingest's ingestCalls(source, calls) once it exists (helper H1's branch):
//   setTrackApiRecorder(async (key, calls) => ingestCalls(await sourceForTrackingKey(key.workspaceId, key.keyId), calls))
let recorder: TrackApiRecorder | null = null;

export function setTrackApiRecorder(next: TrackApiRecorder | null) {
  recorder = next;
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
  if (!recorder || operations.length === 0) return;
  const now = new Date();
  const calls = operations.map((op) => entityToCall(op, now)).filter((c): c is SegmentCall => c !== null);
  if (calls.length) await recorder(key, calls);
}
