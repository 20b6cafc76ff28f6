"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { CreateWorkspaceInput, UpdateWorkspaceInput } from "@/lib/schemas/workspaces";

export type Workspace = { id: string; name: string; role: "owner" | "admin" | "member"; createdAt: string };

export const workspaceKeys = {
  all: ["workspaces"] as const,
  detail: (id: string) => ["ws", id, "workspace"] as const,
};

export function useWorkspaces() {
  return useQuery({
    queryKey: workspaceKeys.all,
    queryFn: async () => (await apiFetch<{ workspaces: Workspace[] }>("/api/workspaces")).workspaces,
  });
}

export function useCreateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWorkspaceInput) => apiFetch<Workspace>("/api/workspaces", { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}

export function useUpdateWorkspace(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateWorkspaceInput) =>
      apiFetch<Workspace>(`/api/workspaces/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}
