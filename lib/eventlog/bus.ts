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

// Event names: "ws:<workspaceId>" per workspace, "*" for all (never "error", which EventEmitter treats apart).
const ALL = "*";
const PREFIX = "ws:";

/** Subscribes to stored events, of one workspace or of all; returns the unsubscribe function. */
export function subscribeToEvents(listener: (event: StoredEvent) => void, workspaceId?: string): () => void {
  const bus = getBus();
  const name = workspaceId === undefined ? ALL : PREFIX + workspaceId;
  bus.on(name, listener);
  return () => bus.off(name, listener);
}

/** Whose events someone here listens to: "all", some workspaces' ids, or none ([]). */
export function subscribedWorkspaces(): "all" | string[] {
  const names = getBus().eventNames() as string[];
  return names.includes(ALL) ? "all" : names.map((n) => n.slice(PREFIX.length));
}

export function publishEvents(events: StoredEvent[]): void {
  const bus = getBus();
  if (bus.eventNames().length === 0) return;
  for (const e of events) {
    for (const name of [PREFIX + e.workspaceId, ALL]) {
      try {
        bus.emit(name, e);
      } catch (err) {
        console.error("[sluice] live bus listener failed:", err);
      }
    }
  }
}
