import "server-only";
import { liveEventsReady, subscribeToEvents, type StoredEvent } from "@/lib/eventlog";
import { listEventsAfter, resolveEventFilter } from "@/lib/data/events";
import { matchesEventFilter, toEventDto, type EventDto } from "@/lib/eventlog/dto";
import type { EventFilter } from "@/lib/schemas/events";
import type { OutcomeUpdate } from "./journey";
import { subscribeToOutcomes } from "./outcome-bus";

// The debugger's live stream as Server-Sent Events: an optional replay from the database (events after the
// client's Last-Event-ID), then the live bus, without gaps or duplicates; outcome updates (`event: outcomes`,
// the Delivery rows that changed) as the worker records them; a heartbeat comment; and a re-check, twice a
// second, that the caller may still read the workspace (a signed-out session or a revoked App API key ends
// the stream within a second, in any process).

/** Tunable by tests; a route file may not export anything but its handlers. */
export const streamTiming = { heartbeatMs: 15_000, accessCheckMs: 500 };

/** One SSE message of outcome updates; no id, so the event stream's Last-Event-ID is left alone. */
export function formatOutcomesMessage(updates: OutcomeUpdate[]): string {
  return `event: outcomes\ndata: ${JSON.stringify(updates)}\n\n`;
}

const REPLAY_PAGE = 500;
const RETRY_MS = 2_000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

export function formatSseMessage(event: EventDto): string {
  let data: string;
  try {
    data = JSON.stringify(event);
  } catch {
    // toEventDto keeps payloads serializable; should anything still fail, the event is sent without its body
    // rather than dropped (the client would never learn of it, and its id would leave a gap).
    data = JSON.stringify({ ...event, payload: "(this call's payload could not be serialized)" });
  }
  return `id: ${event.id}\ndata: ${data}\n\n`;
}

export interface EventStreamOptions {
  workspaceId: string;
  filter: EventFilter;
  /** Replay the matching events after this id first. */
  lastEventId?: string;
  signal: AbortSignal;
  /** Re-checked on every heartbeat: false (or a failure) ends the stream. */
  isStillAllowed: () => Promise<boolean>;
  /** Subscribes `end` to an outside signal that access is gone (e.g. sign-out); returns the unsubscribe. */
  endWhen?: (end: () => void) => () => void;
  /** Send only outcome updates (of this destination when given), no events: Data Out's stream. */
  outcomesOnly?: { destinationId?: string };
}

/** Re-checks access every accessCheckMs (one check at a time); `close` when it is gone or the check fails. */
function watchAccess(isStillAllowed: () => Promise<boolean>, close: () => void): () => void {
  let isChecking = false;
  const timer = setInterval(() => {
    if (isChecking) return;
    isChecking = true;
    isStillAllowed().then(
      (isAllowed) => ((isChecking = false), isAllowed || close()),
      () => close(),
    );
  }, streamTiming.accessCheckMs);
  return () => clearInterval(timer);
}

export function createEventStream(options: EventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let opts = options;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let isClosed = false;
      let lastSent = opts.lastEventId === undefined ? -1n : BigInt(opts.lastEventId);
      // Live events that arrive while the backlog is replayed; null once live.
      let buffer: StoredEvent[] | null = opts.lastEventId === undefined ? null : [];
      const write = (text: string) => {
        if (!isClosed) controller.enqueue(encoder.encode(text));
      };
      const deliver = (e: EventDto) => {
        const id = BigInt(e.id);
        if (id <= lastSent) return; // already replayed
        lastSent = id;
        write(formatSseMessage(e));
      };
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        cleanup();
        controller.close();
      };
      const only = opts.outcomesOnly;
      // Subscribe before reading the database, so a call stored during the replay is buffered, not missed.
      const unsubscribe = only
        ? () => {}
        : subscribeToEvents((e) => {
            if (isClosed || !matchesEventFilter(opts.filter, e)) return;
            if (buffer) buffer.push(e);
            else deliver(toEventDto(e));
          }, opts.workspaceId);
      const unsubscribeOutcomes = subscribeToOutcomes(opts.workspaceId, (updates) => {
        const mine = only?.destinationId ? updates.filter((u) => u.destinationId === only.destinationId) : updates;
        if (mine.length) write(formatOutcomesMessage(mine));
      });
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), streamTiming.heartbeatMs);
      const stopWatching = watchAccess(opts.isStillAllowed, close);
      const stopEndWhen = opts.endWhen?.(close) ?? (() => {});
      cleanup = () => {
        unsubscribe();
        unsubscribeOutcomes();
        stopEndWhen();
        stopWatching();
        clearInterval(heartbeat);
        opts.signal.removeEventListener("abort", close);
      };
      if (opts.signal.aborted) return close();
      opts.signal.addEventListener("abort", close);
      write(`retry: ${RETRY_MS}\n\n`);
      if (only) return;
      if (opts.filter.identity === "any") {
        // The person's anonymousIds, looked up once; live calls match against them too.
        try {
          opts = { ...opts, filter: await resolveEventFilter(opts.workspaceId, opts.filter) };
        } catch (err) {
          console.error("[sluice] debugger stream filter failed:", err);
          return close();
        }
      }
      await liveEventsReady(); // from here on the bus misses nothing, so the replay below may start
      if (opts.lastEventId === undefined || isClosed) return;
      try {
        let after = opts.lastEventId;
        for (;;) {
          const rows = await listEventsAfter(opts.workspaceId, opts.filter, { after, limit: REPLAY_PAGE });
          if (isClosed) return;
          rows.forEach(deliver);
          if (rows.length < REPLAY_PAGE) break;
          after = rows[rows.length - 1]!.id;
        }
      } catch (err) {
        console.error("[sluice] debugger stream replay failed:", err);
        return close(); // the client reconnects with its Last-Event-ID and the replay starts again
      }
      const pending = buffer ?? [];
      buffer = null;
      pending.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).forEach((e) => deliver(toEventDto(e)));
    },
    cancel() {
      cleanup();
    },
  });
}
