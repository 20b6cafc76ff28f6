"use client";
import { useEffect } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { eventStreamUrl, type EventDto } from "@/lib/queries/events";
import type { SourceCatalogEntry, SourceCategory } from "@/lib/sources";
import type { CreateSourceInput, UpdateSourceInput } from "@/lib/schemas/sources";
import type {
  CreatedSourceDto,
  SourceDto,
  SourceHealthDto,
  SourceInstallDto,
  SourceWithHealthDto,
} from "@/lib/data/sources";
import { destinationKeys } from "@/lib/queries/destinations";

// The DTOs the API answers with; type-only imports, so no server code reaches the browser.
export type { SourceHealthStatus } from "@/lib/data/sources";
export type Source = SourceDto;
export type SourceHealth = SourceHealthDto;
export type SourceWithHealth = SourceWithHealthDto;
export type SourceInstall = SourceInstallDto;

export const sourceKeys = {
  all: (ws: string) => ["ws", ws, "sources"] as const,
  list: (ws: string) => [...sourceKeys.all(ws), "list"] as const,
  detail: (ws: string, id: string) => [...sourceKeys.all(ws), id] as const,
  install: (ws: string, id: string) => [...sourceKeys.detail(ws, id), "install"] as const,
  catalog: ["catalog", "sources"] as const,
};

const base = (ws: string) => `/api/workspaces/${ws}/sources`;

export function useSources(ws: string) {
  return useQuery({
    queryKey: sourceKeys.list(ws),
    queryFn: async () => (await apiFetch<{ sources: SourceWithHealth[] }>(base(ws))).sources,
  });
}

export function useSource(ws: string, id: string) {
  return useQuery({ queryKey: sourceKeys.detail(ws, id), queryFn: () => apiFetch<Source>(`${base(ws)}/${id}`) });
}

export function useSourceInstall(ws: string, id: string) {
  return useQuery({
    queryKey: sourceKeys.install(ws, id),
    queryFn: () => apiFetch<SourceInstall>(`${base(ws)}/${id}/install`),
  });
}

export function useSourceCatalog() {
  return useQuery({
    queryKey: sourceKeys.catalog,
    queryFn: () =>
      apiFetch<{ categories: { id: SourceCategory; label: string }[]; sources: SourceCatalogEntry[] }>(
        "/api/catalog/sources",
      ),
    staleTime: Infinity, // the catalog only changes with a new Sluice version
  });
}

export function useCreateSource(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSourceInput) => apiFetch<CreatedSourceDto>(base(ws), { body: input }),
    onSuccess: ({ journeysDestinationId, ...source }) => {
      client.setQueryData(sourceKeys.detail(ws, source.id), source);
      return Promise.all([
        client.invalidateQueries({ queryKey: sourceKeys.list(ws) }),
        // The server connected it to Journeys in the same request.
        journeysDestinationId && client.invalidateQueries({ queryKey: destinationKeys.all(ws) }),
      ]);
    },
  });
}

/** Every change to one source refreshes everything about it (list, detail, install snippets). */
function useSourceMutation<TInput, TResult>(ws: string, request: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: sourceKeys.all(ws) }),
  });
}

export function useUpdateSource(ws: string, id: string) {
  return useSourceMutation(ws, (input: UpdateSourceInput) =>
    apiFetch<Source>(`${base(ws)}/${id}`, { method: "PATCH", body: input }),
  );
}

export function useRotateWriteKey(ws: string, id: string) {
  return useSourceMutation(ws, () => apiFetch<Source>(`${base(ws)}/${id}/rotate-key`, { method: "POST" }));
}

export function useSendTestEvent(ws: string, id: string) {
  return useSourceMutation(ws, () =>
    apiFetch<{ ok: boolean; status: number; response: unknown }>(`${base(ws)}/${id}/test-event`, { method: "POST" }),
  );
}

export function useDeleteSource(ws: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { deleteEvents: boolean }) =>
      apiFetch<{ id: string; deletedEvents: number }>(`${base(ws)}/${id}`, { method: "DELETE", body: input }),
    onSuccess: () => {
      client.removeQueries({ queryKey: sourceKeys.detail(ws, id) });
      return client.invalidateQueries({ queryKey: sourceKeys.list(ws) });
    },
  });
}

/**
 * While a source waits for its first event, listens to the debugger's event stream for the source's accepted
 * calls and flips the cached source to "connected" when the first one arrives. No polling: the source is read
 * again once the stream is open, so a call stored before the subscription is not missed either.
 */
export function useFirstEventStream(ws: string, id: string, isWaiting: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!isWaiting) return;
    const stream = new EventSource(eventStreamUrl(ws, { sourceId: id, status: "accepted" }));
    stream.onopen = () => void client.invalidateQueries({ queryKey: sourceKeys.detail(ws, id), exact: true });
    stream.onmessage = (message) => {
      const { receivedAt } = JSON.parse(message.data as string) as EventDto;
      stream.close();
      client.setQueryData<Source>(sourceKeys.detail(ws, id), (s) =>
        s && !s.firstEventAt ? { ...s, firstEventAt: receivedAt } : s,
      );
      void client.invalidateQueries({ queryKey: sourceKeys.list(ws) });
    };
    return () => stream.close();
  }, [client, ws, id, isWaiting]);
}
