"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { apiFetch } from "@/lib/api/client";
import type { JourneyLine, OutcomeUpdate } from "@/lib/eventlog/journey";
import type { DeliveryDetailDto, DeliveryDto, DeliveryStatusName } from "@/lib/schemas/deliveries";
import { destinationKeys } from "./destinations";
import { metricsKeys } from "./metrics";

export type { JourneyLine, OutcomeUpdate } from "@/lib/eventlog/journey";

const STALE_MS = 30_000;

export const deliveryKeys = {
  all: (ws: string) => ["ws", ws, "deliveries"] as const,
  list: (ws: string, destinationId: string, filter: DataOutFilter) =>
    [...deliveryKeys.all(ws), "list", destinationId, filter] as const,
  detail: (ws: string, id: string, version: string) => [...deliveryKeys.all(ws), "detail", id, version] as const,
};

export type DataOutFilter = { status?: DeliveryStatusName; q?: string; from?: string; to?: string };
export type DeliveryPage = { deliveries: DeliveryDto[]; nextCursor: string | null };

/** Data Out's list of one destination, newest first, filtered, paged on by the API's cursor. */
export function useDataOut(ws: string, destinationId: string, filter: DataOutFilter) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.list(ws, destinationId, filter),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ destinationId, limit: "50" });
      for (const [k, v] of Object.entries(filter)) if (v) query.set(k, v);
      if (pageParam) query.set("before", pageParam);
      return apiFetch<DeliveryPage>(`/api/workspaces/${ws}/deliveries?${query}`).then((page) => withLatest(ws, page));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: STALE_MS,
  });
}

/** One delivery with every attempt's request and response; `version` (its attempts and time) refetches it. */
export function useDeliveryDetail(ws: string, id: string | null, version: string) {
  return useQuery({
    queryKey: deliveryKeys.detail(ws, id ?? "", version),
    queryFn: () => apiFetch<DeliveryDetailDto>(`/api/workspaces/${ws}/deliveries/${id}`),
    enabled: id !== null,
    staleTime: STALE_MS,
  });
}

/** Retry or discard one delivery; the new state also arrives on the stream. */
export function useDeliveryAction(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "retry" | "discard" }) =>
      apiFetch<DeliveryDto>(`/api/workspaces/${ws}/deliveries/${id}/${action}`, { method: "POST" }),
    onSuccess: (row) => applyToLists(client, ws, [row]),
  });
}

export function useRetryAllFailed(ws: string, destinationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<{ retried: number }>(`/api/workspaces/${ws}/destinations/${destinationId}/retry-failed`, {
        method: "POST",
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: deliveryKeys.all(ws) });
      void client.invalidateQueries({ queryKey: destinationKeys.deliverySummary(ws, destinationId) });
      void client.invalidateQueries({ queryKey: metricsKeys.all(ws) });
    },
  });
}

const isNewer = (row: DeliveryDto, u: OutcomeUpdate) =>
  Date.parse(u.updatedAt) > Date.parse(row.updatedAt) || (u.updatedAt === row.updatedAt && u.attempts >= row.attempts);

// The newest state of each delivery that the stream or a mutation reported, by workspace and id (bounded). A list
// response read before an update but handled after it would otherwise undo it for good (e.g. "Retry all failed":
// its refetch races the worker's "delivered"); lists are merged with these as they arrive, like the journey's overlay.
const latest = new Map<string, OutcomeUpdate>();
const MAX_LATEST = 2000;

function remember(ws: string, updates: OutcomeUpdate[]) {
  for (const u of updates) {
    const key = `${ws}:${u.id}`;
    const known = latest.get(key);
    if (known && !isNewer(known, u)) continue;
    latest.delete(key); // re-inserted last: the oldest go first
    latest.set(key, u);
  }
  for (const key of latest.keys()) {
    if (latest.size <= MAX_LATEST) break;
    latest.delete(key);
  }
}

function withLatest(ws: string, page: DeliveryPage): DeliveryPage {
  const deliveries = page.deliveries.map((row) => {
    const u = latest.get(`${ws}:${row.id}`);
    return u && isNewer(row, u) && u.updatedAt !== row.updatedAt ? { ...u, event: row.event } : row;
  });
  return { ...page, deliveries };
}

/** Updates rows the cached Data Out lists hold; returns whether some update named a row none holds. */
function applyToLists(client: ReturnType<typeof useQueryClient>, ws: string, updates: OutcomeUpdate[]): boolean {
  remember(ws, updates);
  const seen = new Set<string>();
  client.setQueriesData<InfiniteData<DeliveryPage>>({ queryKey: [...deliveryKeys.all(ws), "list"] }, (data) => {
    if (!data) return data;
    return {
      ...data,
      pages: data.pages.map((p) => ({
        ...p,
        deliveries: p.deliveries.map((row) => {
          const u = updates.find((x) => x.id === row.id);
          if (!u) return row;
          seen.add(u.id);
          return isNewer(row, u) ? { ...u, event: row.event } : row;
        }),
      })),
    };
  });
  return updates.some((u) => !seen.has(u.id));
}

/** Data Out live: outcome updates of the destination over SSE update the rows in place; new deliveries (and a
 *  changed summary) refetch the first page, at most once a second. */
export function useLiveDataOut(ws: string, destinationId: string) {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hasNewRef = useRef(false);
  useEffect(() => {
    const source = new EventSource(
      `/api/workspaces/${ws}/deliveries/stream?destinationId=${encodeURIComponent(destinationId)}`,
    );
    source.addEventListener("outcomes", (message) => {
      const updates = JSON.parse((message as MessageEvent<string>).data) as OutcomeUpdate[];
      if (applyToLists(client, ws, updates)) hasNewRef.current = true;
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void client.invalidateQueries({ queryKey: destinationKeys.deliverySummary(ws, destinationId) });
        void client.invalidateQueries({ queryKey: metricsKeys.all(ws) }); // the charts count what changed
        const hasNew = hasNewRef.current;
        hasNewRef.current = false;
        if (hasNew) void client.invalidateQueries({ queryKey: [...deliveryKeys.all(ws), "list", destinationId] });
      }, 1000);
    });
    return () => {
      source.close();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [client, ws, destinationId]);
}

/** The journeys of many events at once (the debugger's list). */
export function fetchJourneys(ws: string, ids: string[]) {
  return apiFetch<{ journeys: Record<string, JourneyLine[]> }>(
    `/api/workspaces/${ws}/events/journeys?ids=${ids.join(",")}`,
  );
}
