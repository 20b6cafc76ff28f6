"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { UpdateSettingsInput } from "@/lib/schemas/settings";

export type WorkspaceSettings = {
  inAppEnabled: boolean;
  retentionDays: number;
  retentionMaxEvents: number;
  anonymousMergeWindow: number;
  inAppKey: { id: string; name: string; siteId: string } | null;
};

export const settingsKeys = { detail: (ws: string) => ["ws", ws, "settings"] as const };

export function useSettings(ws: string) {
  return useQuery({
    queryKey: settingsKeys.detail(ws),
    queryFn: () => apiFetch<WorkspaceSettings>(`/api/workspaces/${ws}/settings`),
  });
}

export function useUpdateSettings(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSettingsInput) =>
      apiFetch<WorkspaceSettings>(`/api/workspaces/${ws}/settings`, { method: "PATCH", body: input }),
    onSuccess: (data) => client.setQueryData(settingsKeys.detail(ws), data),
  });
}
