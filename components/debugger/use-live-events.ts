"use client";
import { useEffect, useRef, useState } from "react";
import { eventStreamUrl, type EventDto } from "@/lib/queries/events";
import type { OutcomeUpdate } from "@/lib/eventlog/journey";
import type { EventFilter } from "@/lib/schemas/events";

/** Rows kept in view (Segment's debugger keeps 500 too); older ones fall off the end. */
export const MAX_ROWS = 500;

/** "closed": the server refused the stream (401 after signing out, 404 after losing access); it will not retry. */
export type FeedConnection = "connecting" | "live" | "reconnecting" | "closed";

/** What arrived over one stream; a new starting point (other filters, fresh history) starts afresh. */
type LiveState = {
  key: string | null;
  events: EventDto[];
  /** Arrived while paused: newest first (capped), and how many they were. */
  held: EventDto[];
  heldCount: number;
  connection: FeedConnection;
};

const initial = (key: string | null): LiveState => ({
  key,
  events: [],
  held: [],
  heldCount: 0,
  connection: "connecting",
});

/**
 * New calls over Server-Sent Events, from the event id `from` on (the server replays anything after it, so
 * nothing falls between history and the stream). Keyed on the id and the filters, not on the history objects,
 * so loading older history never reconnects. While paused, new calls are held and counted; resume shows them.
 * `reconnect` opens a new stream after the server refused one, from the newest id seen, so nothing is missed.
 */
export function useLiveEvents(
  workspaceId: string,
  filter: EventFilter,
  from: string | undefined,
  onOutcomes?: (updates: OutcomeUpdate[]) => void,
) {
  const onOutcomesRef = useRef(onOutcomes);
  useEffect(() => {
    onOutcomesRef.current = onOutcomes;
  }, [onOutcomes]);
  const filterKey = JSON.stringify(filter);
  const key = from === undefined ? null : `${workspaceId} ${filterKey} ${from}`;
  const [state, setState] = useState<LiveState>(() => initial(key));
  const [attempt, setAttempt] = useState(0);
  const [isPaused, setIsPaused] = useState(false);
  const isPausedRef = useRef(false);
  /** The newest id this key's streams delivered: where a reconnect resumes. */
  const newestRef = useRef<{ key: string; id: string } | null>(null);
  const live = state.key === key ? state : initial(key);

  useEffect(() => {
    if (key === null || from === undefined) return;
    const update = (fn: (s: LiveState) => LiveState) => setState((s) => fn(s.key === key ? s : initial(key)));
    const newestSeen = () => (newestRef.current?.key === key ? newestRef.current.id : from);
    const url = eventStreamUrl(workspaceId, JSON.parse(filterKey) as EventFilter, newestSeen());
    const source = new EventSource(url);
    source.onopen = () => update((s) => ({ ...s, connection: "live" }));
    // A dropped connection retries by itself with Last-Event-ID (CONNECTING); a refused one is CLOSED for good.
    source.onerror = () =>
      update((s) => ({ ...s, connection: source.readyState === EventSource.CLOSED ? "closed" : "reconnecting" }));
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as EventDto;
      // Ids only grow on a stream; an older one is a repeat (e.g. a proxy that dropped Last-Event-ID).
      if (BigInt(event.id) <= BigInt(newestSeen())) return;
      newestRef.current = { key, id: event.id };
      update((s) =>
        isPausedRef.current
          ? { ...s, held: [event, ...s.held].slice(0, MAX_ROWS), heldCount: s.heldCount + 1 }
          : { ...s, events: [event, ...s.events].slice(0, MAX_ROWS) },
      );
    };
    // Outcome updates of the workspace's deliveries (also while paused: rows in view stay current).
    source.addEventListener("outcomes", (message) => {
      onOutcomesRef.current?.(JSON.parse((message as MessageEvent<string>).data) as OutcomeUpdate[]);
    });
    return () => source.close();
  }, [key, from, workspaceId, filterKey, attempt]);

  function pause() {
    isPausedRef.current = true;
    setIsPaused(true);
  }

  function resume() {
    isPausedRef.current = false;
    setIsPaused(false);
    setState((s) => ({ ...s, events: [...s.held, ...s.events].slice(0, MAX_ROWS), held: [], heldCount: 0 }));
  }

  function reconnect() {
    setState((s) => (s.key === key ? { ...s, connection: "connecting" } : s));
    setAttempt((n) => n + 1);
  }

  return {
    events: live.events,
    newCount: live.heldCount,
    connection: live.connection,
    isPaused,
    pause,
    resume,
    reconnect,
  };
}
