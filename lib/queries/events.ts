"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { EventDto } from "@/lib/events/dto";
import type { EventFilter } from "@/lib/schemas/events";

export type { EventDto } from "@/lib/events/dto";
export type EventPage = { events: EventDto[]; nextCursor: string | null; latestId?: string | null };

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

/** The newest page of history for the debugger; the live stream takes over from there. */
export function useEventHistory(ws: string, filter: EventFilter) {
  return useQuery({
    queryKey: eventKeys.list(ws, filter),
    queryFn: () => apiFetch<EventPage>(eventsUrl(ws, filter, { limit: "50" })),
    // Fresh history each time the filters change or the page opens; the stream keeps it current meanwhile.
    staleTime: 30_000,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}
