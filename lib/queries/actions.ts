"use client";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { EventDto } from "@/lib/eventlog/dto";
import type { ActionDto, ActionTestResult } from "@/lib/destinations/types";

// A destination's actions: the editor's reads and writes, the test call, and the recent events it tests with.
// Keys sit under the destination's (`["ws", ws, "destinations", id]`), so a change to an action also refreshes
// the destination page and lists by prefix.

export type Action = ActionDto;
export type { ActionTestResult } from "@/lib/destinations/types";

export type CreateActionBody = {
  actionKey: string;
  name: string;
  trigger: string;
  mapping: Record<string, unknown>;
  enabled?: boolean;
};
export type UpdateActionBody = Partial<Omit<CreateActionBody, "actionKey">>;
/** A stored event by id, or an edited sample; `send` performs the action for real. */
export type TestActionBody = ({ eventId: string } | { event: Record<string, unknown> }) & { send?: boolean };

const STALE_MS = 30_000;

export const actionKeys = {
  destination: (ws: string, destinationId: string) => ["ws", ws, "destinations", destinationId] as const,
  all: (ws: string, destinationId: string) => [...actionKeys.destination(ws, destinationId), "actions"] as const,
  detail: (ws: string, destinationId: string, id: string) => [...actionKeys.all(ws, destinationId), id] as const,
  /** Recent calls of one source, for the path picker and the test panel (under the events' keys). */
  recentEvents: (ws: string, sourceId: string) => ["ws", ws, "events", "recent", sourceId] as const,
};

const base = (ws: string, destinationId: string) => `/api/workspaces/${ws}/destinations/${destinationId}/actions`;

export function useActions(ws: string, destinationId: string) {
  return useQuery({
    queryKey: actionKeys.all(ws, destinationId),
    queryFn: async () => {
      const data = await apiFetch<Action[] | { actions: Action[] }>(base(ws, destinationId));
      return Array.isArray(data) ? data : data.actions;
    },
    staleTime: STALE_MS,
  });
}

export function useAction(ws: string, destinationId: string, id: string) {
  return useQuery({
    queryKey: actionKeys.detail(ws, destinationId, id),
    queryFn: () => apiFetch<Action>(`${base(ws, destinationId)}/${id}`),
    staleTime: STALE_MS,
  });
}

/** Any write refreshes the destination (its action list and on/off states) and every action query under it. */
function useActionMutation<TInput, TResult>(
  ws: string,
  destinationId: string,
  request: (input: TInput) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (result) => {
      const action = result as Partial<Action> | undefined;
      if (action?.id) client.setQueryData(actionKeys.detail(ws, destinationId, action.id), action);
      return client.invalidateQueries({ queryKey: actionKeys.destination(ws, destinationId) });
    },
  });
}

export function useCreateAction(ws: string, destinationId: string) {
  return useActionMutation(ws, destinationId, (input: CreateActionBody) =>
    apiFetch<Action>(base(ws, destinationId), { body: input }),
  );
}

export function useUpdateAction(ws: string, destinationId: string, id: string) {
  return useActionMutation(ws, destinationId, (input: UpdateActionBody) =>
    apiFetch<Action>(`${base(ws, destinationId)}/${id}`, { method: "PATCH", body: input }),
  );
}

export function useDeleteAction(ws: string, destinationId: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<unknown>(`${base(ws, destinationId)}/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      client.removeQueries({ queryKey: actionKeys.detail(ws, destinationId, id) });
      return client.invalidateQueries({ queryKey: actionKeys.destination(ws, destinationId) });
    },
  });
}

/** Runs the saved action on an event: trigger, mapping, validation; with `send`, the real request too. */
export function useTestAction(ws: string, destinationId: string, id: string) {
  return useMutation({
    mutationFn: (input: TestActionBody) =>
      apiFetch<ActionTestResult>(`${base(ws, destinationId)}/${id}/test`, { body: input }),
  });
}

/** How many recent calls per connected source the editor reads. */
export const RECENT_EVENTS_PER_SOURCE = 20;

/** The newest accepted calls of each connected source, newest first across them. */
export function useRecentEvents(ws: string, sourceIds: string[]) {
  return useQueries({
    queries: sourceIds.map((sourceId) => ({
      queryKey: actionKeys.recentEvents(ws, sourceId),
      queryFn: async () => {
        const params = new URLSearchParams({ sourceId, status: "accepted", limit: String(RECENT_EVENTS_PER_SOURCE) });
        return (await apiFetch<{ events: EventDto[] }>(`/api/workspaces/${ws}/events?${params}`)).events;
      },
      staleTime: STALE_MS,
    })),
    combine: (results) => ({
      events: results
        .flatMap((r) => r.data ?? [])
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || Number(b.id) - Number(a.id)),
      isPending: results.some((r) => r.isPending),
    }),
  });
}
