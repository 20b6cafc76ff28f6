"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { CreateAppKeyInput } from "@/lib/schemas/app-keys";
import type { AppKeyDto as AppKey } from "@/lib/data/app-keys";
import { useKeyMutation } from "./tracking-keys";

// The DTO the API answers with; a type-only import, so no server code reaches the browser.
export type { AppKeyDto as AppKey } from "@/lib/data/app-keys";

export const appKeyKeys = {
  all: (ws: string) => ["ws", ws, "app-keys"] as const,
};

const appKeysUrl = (ws: string) => `/api/workspaces/${ws}/app-keys`;

export function useAppKeys(ws: string) {
  return useQuery({
    queryKey: appKeyKeys.all(ws),
    queryFn: async () => (await apiFetch<{ appKeys: AppKey[] }>(appKeysUrl(ws))).appKeys,
  });
}

export function useCreateAppKey(ws: string) {
  return useKeyMutation(appKeyKeys.all(ws), (input: CreateAppKeyInput) =>
    apiFetch<AppKey & { token: string }>(appKeysUrl(ws), { body: input }),
  );
}

export function useRevokeAppKey(ws: string) {
  return useKeyMutation(appKeyKeys.all(ws), (id: string) =>
    apiFetch<AppKey>(`${appKeysUrl(ws)}/${id}`, { method: "DELETE" }),
  );
}
