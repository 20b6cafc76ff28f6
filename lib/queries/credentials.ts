"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { CreateAppKeyInput, CreateTrackingKeyInput } from "@/lib/schemas/credentials";
import type { TrackingKeyDto as TrackingKey } from "@/lib/data/tracking-keys";
import type { AppKeyDto as AppKey } from "@/lib/data/app-keys";

// The DTOs the API answers with; type-only imports, so no server code reaches the browser.
export type { TrackingKeyDto as TrackingKey } from "@/lib/data/tracking-keys";
export type { AppKeyDto as AppKey } from "@/lib/data/app-keys";

export const credentialKeys = {
  trackingKeys: (ws: string) => ["ws", ws, "tracking-keys"] as const,
  appKeys: (ws: string) => ["ws", ws, "app-keys"] as const,
};

const trackingKeysUrl = (ws: string) => `/api/workspaces/${ws}/tracking-keys`;
const appKeysUrl = (ws: string) => `/api/workspaces/${ws}/app-keys`;

/** Each change refreshes the one list it touches. */
function useKeyMutation<TInput, TResult>(
  queryKey: readonly unknown[],
  mutationFn: (input: TInput) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey }) });
}

export function useTrackingKeys(ws: string, enabled = true) {
  return useQuery({
    queryKey: credentialKeys.trackingKeys(ws),
    queryFn: async () => (await apiFetch<{ trackingKeys: TrackingKey[] }>(trackingKeysUrl(ws))).trackingKeys,
    enabled,
  });
}

export function useCreateTrackingKey(ws: string) {
  return useKeyMutation(credentialKeys.trackingKeys(ws), (input: CreateTrackingKeyInput) =>
    apiFetch<TrackingKey & { apiKey: string }>(trackingKeysUrl(ws), { body: input }),
  );
}

export function useRenameTrackingKey(ws: string) {
  return useKeyMutation(credentialKeys.trackingKeys(ws), ({ id, name }: { id: string; name: string }) =>
    apiFetch<TrackingKey>(`${trackingKeysUrl(ws)}/${id}`, { method: "PATCH", body: { name } }),
  );
}

export function useRegenerateTrackingKey(ws: string) {
  return useKeyMutation(credentialKeys.trackingKeys(ws), (id: string) =>
    apiFetch<TrackingKey & { apiKey: string }>(`${trackingKeysUrl(ws)}/${id}/regenerate`, { method: "POST" }),
  );
}

export function useRevokeTrackingKey(ws: string) {
  return useKeyMutation(credentialKeys.trackingKeys(ws), (id: string) =>
    apiFetch<TrackingKey>(`${trackingKeysUrl(ws)}/${id}`, { method: "DELETE" }),
  );
}

export function revealTrackingKey(ws: string, id: string) {
  return apiFetch<{ apiKey: string }>(`${trackingKeysUrl(ws)}/${id}/reveal`, { method: "POST" });
}

export function useAppKeys(ws: string) {
  return useQuery({
    queryKey: credentialKeys.appKeys(ws),
    queryFn: async () => (await apiFetch<{ appKeys: AppKey[] }>(appKeysUrl(ws))).appKeys,
  });
}

export function useCreateAppKey(ws: string) {
  return useKeyMutation(credentialKeys.appKeys(ws), (input: CreateAppKeyInput) =>
    apiFetch<AppKey & { token: string }>(appKeysUrl(ws), { body: input }),
  );
}

export function useRevokeAppKey(ws: string) {
  return useKeyMutation(credentialKeys.appKeys(ws), (id: string) =>
    apiFetch<AppKey>(`${appKeysUrl(ws)}/${id}`, { method: "DELETE" }),
  );
}
