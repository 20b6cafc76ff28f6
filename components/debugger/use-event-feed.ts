"use client";
import { useEffect, useRef, useState } from "react";
import { eventStreamUrl, useEventHistory, type EventDto, type EventPage } from "@/lib/queries/events";
import type { EventFilter } from "@/lib/schemas/events";

/** Rows kept in view (Segment's debugger keeps 500 too); older ones fall off the end. */
export const MAX_ROWS = 500;

export type FeedConnection = "connecting" | "live" | "reconnecting";

/** What arrived over the stream on top of one history page; a new page (other filters) starts afresh. */
type LiveState = {
  page: EventPage | undefined;
  events: EventDto[];
  /** Arrived while paused: newest first (capped), and how many they were. */
  held: EventDto[];
  heldCount: number;
  connection: FeedConnection;
};

const initial = (page: EventPage | undefined): LiveState => ({
  page,
  events: [],
  held: [],
  heldCount: 0,
  connection: "connecting",
});

function newerId(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return BigInt(a) > BigInt(b) ? a : b;
}

/**
 * The debugger's list: the latest page from history, then live over Server-Sent Events, resumed from the
 * newest id the page knew (the server replays anything after it, so nothing falls between the two). While
 * paused, new calls are held and counted; resume shows them.
 */
export function useEventFeed(workspaceId: string, filter: EventFilter) {
  const history = useEventHistory(workspaceId, filter);
  const page = history.data;
  const [state, setState] = useState<LiveState>(() => initial(page));
  const [isPaused, setIsPaused] = useState(false);
  const isPausedRef = useRef(false);
  const filterKey = JSON.stringify(filter);
  const live = state.page === page ? state : initial(page);

  useEffect(() => {
    if (!page) return;
    const update = (fn: (s: LiveState) => LiveState) => setState((s) => fn(s.page === page ? s : initial(page)));
    // An empty workspace resumes from 0: the replay then holds only what arrived since the page was read.
    const from = newerId(page.events[0]?.id, page.latestId) ?? "0";
    const source = new EventSource(eventStreamUrl(workspaceId, JSON.parse(filterKey) as EventFilter, from));
    source.onopen = () => update((s) => ({ ...s, connection: "live" }));
    source.onerror = () => update((s) => ({ ...s, connection: "reconnecting" })); // it retries with Last-Event-ID
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as EventDto;
      update((s) =>
        isPausedRef.current
          ? { ...s, held: [event, ...s.held].slice(0, MAX_ROWS), heldCount: s.heldCount + 1 }
          : { ...s, events: [event, ...s.events].slice(0, MAX_ROWS) },
      );
    };
    return () => source.close();
  }, [page, workspaceId, filterKey]);

  function pause() {
    isPausedRef.current = true;
    setIsPaused(true);
  }

  function resume() {
    isPausedRef.current = false;
    setIsPaused(false);
    setState((s) => ({ ...s, events: [...s.held, ...s.events].slice(0, MAX_ROWS), held: [], heldCount: 0 }));
  }

  return {
    rows: [...live.events, ...(page?.events ?? [])].slice(0, MAX_ROWS),
    newCount: live.heldCount,
    isPaused,
    pause,
    resume,
    connection: live.connection,
    isLoading: history.isPending,
    error: history.error,
  };
}
