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

export function useTrackingKeys(ws: string, enabled = true) {
  return useQuery({
    queryKey: credentialKeys.trackingKeys(ws),
    queryFn: async () =>
      (await apiFetch<{ trackingKeys: TrackingKey[] }>(`/api/workspaces/${ws}/tracking-keys`)).trackingKeys,
    enabled,
  });
}

/** One hook for every tracking-key change; each call names the request, and the list refreshes after it. */
export function useTrackingKeyMutation<TInput, TResult>(
  ws: string,
  request: (base: string, input: TInput) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => request(`/api/workspaces/${ws}/tracking-keys`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: credentialKeys.trackingKeys(ws) }),
  });
}

export const trackingKeyRequests = {
  create: (base: string, input: CreateTrackingKeyInput) =>
    apiFetch<TrackingKey & { apiKey: string }>(base, { body: input }),
  rename: (base: string, input: { id: string; name: string }) =>
    apiFetch<TrackingKey>(`${base}/${input.id}`, { method: "PATCH", body: { name: input.name } }),
  regenerate: (base: string, id: string) =>
    apiFetch<TrackingKey & { apiKey: string }>(`${base}/${id}/regenerate`, { method: "POST" }),
  revoke: (base: string, id: string) => apiFetch<TrackingKey>(`${base}/${id}`, { method: "DELETE" }),
};

export function revealTrackingKey(ws: string, id: string) {
  return apiFetch<{ apiKey: string }>(`/api/workspaces/${ws}/tracking-keys/${id}/reveal`, { method: "POST" });
}

export function useAppKeys(ws: string) {
  return useQuery({
    queryKey: credentialKeys.appKeys(ws),
    queryFn: async () => (await apiFetch<{ appKeys: AppKey[] }>(`/api/workspaces/${ws}/app-keys`)).appKeys,
  });
}

export function useCreateAppKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAppKeyInput) =>
      apiFetch<AppKey & { token: string }>(`/api/workspaces/${ws}/app-keys`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: credentialKeys.appKeys(ws) }),
  });
}

export function useRevokeAppKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<AppKey>(`/api/workspaces/${ws}/app-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: credentialKeys.appKeys(ws) }),
  });
}
