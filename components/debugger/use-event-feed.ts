"use client";
import { useEffect, useMemo, useState } from "react";
import { useEventHistory, type EventPage } from "@/lib/queries/events";
import type { OutcomeUpdate } from "@/lib/eventlog/journey";
import type { EventFilter } from "@/lib/schemas/events";
import { nextHistoryStep, type HistoryMark } from "./history-paging";
import { MAX_ROWS, useLiveEvents } from "./use-live-events";

export { MAX_ROWS, type FeedConnection } from "./use-live-events";

/** The newest id the first history page knows: the live stream starts after it. */
function streamStart(first: EventPage): string {
  const [a, b] = [first.events[0]?.id, first.latestId ?? undefined];
  if (!a || !b) return a ?? b ?? "0"; // an empty workspace: the replay then holds only what arrived since
  return BigInt(a) > BigInt(b) ? a : b;
}

/**
 * The debugger's list: live calls over Server-Sent Events on top of history, newest first, at most MAX_ROWS.
 * History loads a page at a time; with a filter that scans (a search, a status) it keeps going on its own past
 * short or empty pages, within a budget per user action (see history-paging.ts).
 */
export function useEventFeed(
  workspaceId: string,
  filter: EventFilter,
  onOutcomes?: (updates: OutcomeUpdate[]) => void,
) {
  const history = useEventHistory(workspaceId, filter);
  const pages = history.data?.pages;
  const first = pages?.[0];
  const live = useLiveEvents(workspaceId, filter, first && streamStart(first), onOutcomes);
  const historyRows = useMemo(() => pages?.flatMap((p) => p.events) ?? [], [pages]);
  const rows = [...live.events, ...historyRows].slice(0, MAX_ROWS);

  // Where the current user action started, for the history it loaded (the first page object stays the same
  // while older pages are added; fresh history is a new object and starts a fresh action).
  const [mark, setMark] = useState<HistoryMark & { first?: EventPage }>({ pageCount: 0, rowCount: 0 });
  const step = nextHistoryStep(
    pages ?? [],
    mark.first === first ? mark : { pageCount: 0, rowCount: 0 },
    rows.length,
    MAX_ROWS,
  );
  const { fetchNextPage, isFetching, isFetchingNextPage, isError } = history;
  // After a failed page only the user's "try again" fetches, so a failing server is not asked in a loop.
  const shouldFetch = step.kind === "fetch" && !isFetching && !isError;
  const pageCount = pages?.length ?? 0;
  // On every new page too: a fast page may land without a render that showed it fetching.
  useEffect(() => {
    if (shouldFetch) void fetchNextPage({ cancelRefetch: false });
  }, [shouldFetch, fetchNextPage, pageCount]);

  function loadOlder() {
    setMark({ first, pageCount, rowCount: historyRows.length });
    if (isError) void fetchNextPage({ cancelRefetch: false });
  }

  return {
    rows,
    newCount: live.newCount,
    isPaused: live.isPaused,
    pause: live.pause,
    resume: live.resume,
    connection: live.connection,
    reconnect: live.reconnect,
    isLoading: history.isPending,
    /** The first page failed: nothing to show. */
    error: first ? null : history.error,
    older: {
      step,
      isLoading: isFetchingNextPage || (step.kind === "fetch" && !isError),
      /** An older page failed; the rows so far stay. */
      error: first && isError ? history.error : null,
      load: loadOlder,
    },
  };
}
