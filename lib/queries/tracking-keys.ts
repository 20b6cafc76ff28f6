"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { CreateTrackingKeyInput } from "@/lib/schemas/tracking-keys";
import type { TrackingKeyDto as TrackingKey } from "@/lib/data/tracking-keys";

// The DTO the API answers with; a type-only import, so no server code reaches the browser.
export type { TrackingKeyDto as TrackingKey } from "@/lib/data/tracking-keys";

export const trackingKeyKeys = {
  all: (ws: string) => ["ws", ws, "tracking-keys"] as const,
};

const trackingKeysUrl = (ws: string) => `/api/workspaces/${ws}/tracking-keys`;

/** Each change refreshes the one list it touches. */
export function useKeyMutation<TInput, TResult>(
  queryKey: readonly unknown[],
  mutationFn: (input: TInput) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey }) });
}

export function useTrackingKeys(ws: string, enabled = true) {
  return useQuery({
    queryKey: trackingKeyKeys.all(ws),
    queryFn: async () => (await apiFetch<{ trackingKeys: TrackingKey[] }>(trackingKeysUrl(ws))).trackingKeys,
    enabled,
  });
}

export function useCreateTrackingKey(ws: string) {
  return useKeyMutation(trackingKeyKeys.all(ws), (input: CreateTrackingKeyInput) =>
    apiFetch<TrackingKey & { apiKey: string }>(trackingKeysUrl(ws), { body: input }),
  );
}

export function useRenameTrackingKey(ws: string) {
  return useKeyMutation(trackingKeyKeys.all(ws), ({ id, name }: { id: string; name: string }) =>
    apiFetch<TrackingKey>(`${trackingKeysUrl(ws)}/${id}`, { method: "PATCH", body: { name } }),
  );
}

export function useRegenerateTrackingKey(ws: string) {
  return useKeyMutation(trackingKeyKeys.all(ws), (id: string) =>
    apiFetch<TrackingKey & { apiKey: string }>(`${trackingKeysUrl(ws)}/${id}/regenerate`, { method: "POST" }),
  );
}

export function useRevokeTrackingKey(ws: string) {
  return useKeyMutation(trackingKeyKeys.all(ws), (id: string) =>
    apiFetch<TrackingKey>(`${trackingKeysUrl(ws)}/${id}`, { method: "DELETE" }),
  );
}

export function revealTrackingKey(ws: string, id: string) {
  return apiFetch<{ apiKey: string }>(`${trackingKeysUrl(ws)}/${id}/reveal`, { method: "POST" });
}
