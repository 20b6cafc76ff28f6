"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type {
  ActionDto,
  CatalogDestination,
  CatalogDestinationSummary,
  DestinationDto,
} from "@/lib/destinations/types";
import type { DeliverySummaryDto } from "@/lib/schemas/deliveries";

// The DTOs the API answers with (lib/destinations/types.ts is the contract with the API).
export type Destination = DestinationDto;
export type DestinationAction = ActionDto;

export type CreateDestinationBody = {
  slug: string;
  name: string;
  settings: Record<string, unknown>;
  sourceIds?: string[];
  enabled?: boolean;
};
export type UpdateDestinationBody = Partial<{
  name: string;
  settings: Record<string, unknown>;
  enabled: boolean;
  sourceIds: string[];
}>;
export type TestConnectionResult = { ok: boolean; error?: string; message?: string };

// Everything about one workspace's destinations sits under `all(ws)`, actions included, so a change to a
// destination or to one of its actions refreshes the list, the page and the Connections overview by prefix.
export const destinationKeys = {
  all: (ws: string) => ["ws", ws, "destinations"] as const,
  list: (ws: string) => [...destinationKeys.all(ws), "list"] as const,
  detail: (ws: string, id: string) => [...destinationKeys.all(ws), id] as const,
  actions: (ws: string, id: string) => [...destinationKeys.detail(ws, id), "actions"] as const,
  deliverySummary: (ws: string, id: string) => [...destinationKeys.detail(ws, id), "deliveries", "summary"] as const,
  catalog: ["catalog", "destinations"] as const,
  catalogEntry: (slug: string) => ["catalog", "destinations", slug] as const,
};

const base = (ws: string) => `/api/workspaces/${ws}/destinations`;
const STALE_MS = 30_000;

/** Lists answer either a bare array or `{ destinations: [...] }`; accept both so the view does not care. */
function unwrap<T>(data: T[] | Record<string, T[]>, key: string): T[] {
  return Array.isArray(data) ? data : (data[key] ?? []);
}

export function useDestinations(ws: string) {
  return useQuery({
    queryKey: destinationKeys.list(ws),
    queryFn: async () =>
      unwrap(await apiFetch<Destination[] | Record<string, Destination[]>>(base(ws)), "destinations"),
    staleTime: STALE_MS,
  });
}

export function useDestination(ws: string, id: string) {
  return useQuery({
    queryKey: destinationKeys.detail(ws, id),
    queryFn: () => apiFetch<Destination>(`${base(ws)}/${id}`),
    staleTime: STALE_MS,
  });
}

export function useDestinationCatalog() {
  return useQuery({
    queryKey: destinationKeys.catalog,
    queryFn: async () =>
      unwrap(
        await apiFetch<CatalogDestinationSummary[] | Record<string, CatalogDestinationSummary[]>>(
          "/api/catalog/destinations",
        ),
        "destinations",
      ),
    staleTime: Infinity, // the catalog only changes with a new Sluice version
  });
}

export function useCatalogDestination(slug: string | null | undefined) {
  return useQuery({
    queryKey: destinationKeys.catalogEntry(slug ?? ""),
    queryFn: () => apiFetch<CatalogDestination>(`/api/catalog/destinations/${encodeURIComponent(slug!)}`),
    enabled: !!slug,
    staleTime: Infinity,
  });
}

export function useCreateDestination(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDestinationBody) => apiFetch<Destination>(base(ws), { body: input }),
    onSuccess: (destination) => {
      client.setQueryData(destinationKeys.detail(ws, destination.id), destination);
      return client.invalidateQueries({ queryKey: destinationKeys.list(ws) });
    },
  });
}

/** Every change to a destination refreshes everything about it and the list (connections, counts). */
export function useUpdateDestination(ws: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDestinationBody) =>
      apiFetch<Destination>(`${base(ws)}/${id}`, { method: "PATCH", body: input }),
    onSuccess: (destination) => {
      client.setQueryData(destinationKeys.detail(ws, id), destination);
      return client.invalidateQueries({ queryKey: destinationKeys.all(ws) });
    },
  });
}

export function useTestConnection(ws: string, id: string) {
  return useMutation({
    mutationFn: () => apiFetch<TestConnectionResult>(`${base(ws)}/${id}/test-connection`, { method: "POST" }),
  });
}

export function useDeleteDestination(ws: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<unknown>(`${base(ws)}/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      client.removeQueries({ queryKey: destinationKeys.detail(ws, id) });
      return client.invalidateQueries({ queryKey: destinationKeys.list(ws) });
    },
  });
}

/** The on/off switch of one action, from the destination's Overview and Actions tabs. */
export function useToggleAction(ws: string, destinationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, enabled }: { actionId: string; enabled: boolean }) =>
      apiFetch<DestinationAction>(`${base(ws)}/${destinationId}/actions/${actionId}`, {
        method: "PATCH",
        body: { enabled },
      }),
    onSuccess: (action) => {
      client.setQueryData<Destination>(destinationKeys.detail(ws, destinationId), (d) =>
        d ? { ...d, actions: d.actions.map((a) => (a.id === action.id ? { ...a, ...action } : a)) } : d,
      );
      return client.invalidateQueries({ queryKey: destinationKeys.all(ws) });
    },
  });
}

export function useDeliverySummary(ws: string, destinationId: string) {
  return useQuery({
    queryKey: destinationKeys.deliverySummary(ws, destinationId),
    queryFn: () =>
      apiFetch<DeliverySummaryDto>(
        `/api/workspaces/${ws}/deliveries/summary?destinationId=${encodeURIComponent(destinationId)}`,
      ),
    staleTime: STALE_MS,
  });
}
