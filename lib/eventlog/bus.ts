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

/** Subscribes to stored events; returns the unsubscribe function. */
export function subscribeToEvents(listener: (event: StoredEvent) => void): () => void {
  const bus = getBus();
  bus.on("event", listener);
  return () => bus.off("event", listener);
}

export function hasSubscribers(): boolean {
  return getBus().listenerCount("event") > 0;
}

export function publishEvents(events: StoredEvent[]): void {
  const bus = getBus();
  if (bus.listenerCount("event") === 0) return;
  for (const e of events) {
    try {
      bus.emit("event", e);
    } catch (err) {
      console.error("[sluice] live bus listener failed:", err);
    }
  }
}
