"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { EventPage } from "@/lib/eventlog/dto";
import type { EventFilter } from "@/lib/schemas/events";

export type { EventDto } from "@/lib/eventlog/dto";
export type { EventPage } from "@/lib/eventlog/dto";

/** Rows one history page asks for. */
export const HISTORY_PAGE_SIZE = 50;

export const eventKeys = {
  all: (ws: string) => ["ws", ws, "events"] as const,
  list: (ws: string, filter: EventFilter) => [...eventKeys.all(ws), "list", filter] as const,
};

/** The query string for the events API and stream: set filters only. */
export function eventFilterParams(filter: EventFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

export function eventsUrl(ws: string, filter: EventFilter, extra?: Record<string, string | undefined>) {
  return `/api/workspaces/${ws}/events?${eventFilterParams(filter, extra)}`;
}

export function eventStreamUrl(ws: string, filter: EventFilter, lastEventId?: string) {
  return `/api/workspaces/${ws}/events/stream?${eventFilterParams(filter, { lastEventId })}`;
}

/**
 * History for the debugger, newest first, one page of HISTORY_PAGE_SIZE at a time (`before` = the previous
 * page's nextCursor); the live stream takes over from the first page. The caller decides when to load more:
 * with a search or status filter a page may be short, or empty, and still have older matches after it.
 */
export function useEventHistory(ws: string, filter: EventFilter) {
  return useInfiniteQuery({
    queryKey: eventKeys.list(ws, filter),
    queryFn: ({ pageParam }) =>
      apiFetch<EventPage>(eventsUrl(ws, filter, { limit: String(HISTORY_PAGE_SIZE), before: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Fresh history each time the filters change or the page opens; the stream keeps it current meanwhile.
    // No refetch on focus or reconnect: it would re-read every loaded page (each a scan with a search filter),
    // and the stream already replays what it missed.
    staleTime: 30_000,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
