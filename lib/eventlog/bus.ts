import { EventEmitter } from "node:events";
import type { StoredEvent } from "./types";

// The in-process live bus: every newly stored event (accepted or rejected) is published after its commit —
// on SQLite by the writer, on PostgreSQL by the tail that also brings other processes' events (pg-tail.ts).
// The debugger's SSE stream subscribes here. Kept on globalThis so that every bundle that includes this
// module (each Next.js route, the custom server's fast path) shares one bus.

const holder = globalThis as unknown as { sluiceLiveBus?: EventEmitter };

function getBus(): EventEmitter {
  if (!holder.sluiceLiveBus) {
    holder.sluiceLiveBus = new EventEmitter();
    holder.sluiceLiveBus.setMaxListeners(0); // one listener per open debugger tab
  }
  return holder.sluiceLiveBus;
}

// Event names: "ws:<workspaceId>" per workspace, "*" for all, "[]" for each publish's events at once (never
// "error", which EventEmitter treats apart).
const ALL = "*";
const PREFIX = "ws:";
const BATCHES = "[]";

/** Subscribes to stored events, of one workspace or of all; returns the unsubscribe function. */
export function subscribeToEvents(listener: (event: StoredEvent) => void, workspaceId?: string): () => void {
  const bus = getBus();
  const name = workspaceId === undefined ? ALL : PREFIX + workspaceId;
  bus.on(name, listener);
  return () => bus.off(name, listener);
}

/** Subscribes to every publish's stored events (of all workspaces) as one array, in id order. */
export function subscribeToEventBatches(listener: (events: readonly StoredEvent[]) => void): () => void {
  const bus = getBus();
  bus.on(BATCHES, listener);
  return () => bus.off(BATCHES, listener);
}

/** Whose events someone here listens to: "all", some workspaces' ids, or none ([]). */
export function subscribedWorkspaces(): "all" | string[] {
  const names = getBus().eventNames() as string[];
  return names.includes(ALL) || names.includes(BATCHES) ? "all" : names.map((n) => n.slice(PREFIX.length));
}

export function publishEvents(events: StoredEvent[]): void {
  const bus = getBus();
  const names = bus.eventNames().length;
  if (names === 0) return;
  if (bus.listenerCount(BATCHES) > 0) {
    emit(bus, BATCHES, events);
    if (names === 1) return; // nobody listens event by event
  }
  for (const e of events) {
    emit(bus, PREFIX + e.workspaceId, e);
    emit(bus, ALL, e);
  }
}

function emit(bus: EventEmitter, name: string, value: unknown) {
  try {
    bus.emit(name, value);
  } catch (err) {
    console.error("[sluice] live bus listener failed:", err);
  }
}
