"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { ActivityListDto, ObjectDto, ObjectsListDto, PeopleListDto, PersonDto } from "@/lib/schemas/people";

export type PeopleFilter = { search?: string; has?: string; attr?: string; value?: string; seenDays?: number };

export const peopleKeys = {
  all: (ws: string) => ["ws", ws, "people"] as const,
  list: (ws: string, filter: PeopleFilter) => [...peopleKeys.all(ws), "list", filter] as const,
  detail: (ws: string, id: string) => [...peopleKeys.all(ws), id] as const,
  activity: (ws: string, id: string) => [...peopleKeys.detail(ws, id), "activity"] as const,
  objects: (ws: string) => ["ws", ws, "objects"] as const,
  objectList: (ws: string, type: number | undefined, search: string) =>
    [...peopleKeys.objects(ws), "list", type, search] as const,
  object: (ws: string, type: number, id: string) => [...peopleKeys.objects(ws), type, id] as const,
};

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : "";
}

export function usePeople(ws: string, filter: PeopleFilter) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(ws, filter),
    queryFn: ({ pageParam }) =>
      apiFetch<PeopleListDto>(`/api/workspaces/${ws}/people${query({ ...filter, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 30_000,
  });
}

export function usePerson(ws: string, id: string) {
  return useQuery({
    queryKey: peopleKeys.detail(ws, id),
    queryFn: () => apiFetch<PersonDto>(`/api/workspaces/${ws}/people/${id}`),
    staleTime: 30_000,
  });
}

// The timeline stays current while the profile is open: a cheap keyset read every few seconds.
// TODO(#14): push from the people store (like the debugger's SSE) instead of re-reading.
export function usePersonActivity(ws: string, id: string) {
  return useInfiniteQuery({
    queryKey: peopleKeys.activity(ws, id),
    queryFn: ({ pageParam }) =>
      apiFetch<ActivityListDto>(
        `/api/workspaces/${ws}/people/${id}/activity${query({ cursor: pageParam, limit: 50 })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
    staleTime: 30_000,
  });
}

export function usePersonAction(ws: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "delete" | "suppress") =>
      apiFetch<void>(`/api/workspaces/${ws}/people/${id}${action === "suppress" ? "/suppress" : ""}`, {
        method: action === "suppress" ? "POST" : "DELETE",
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: peopleKeys.all(ws) }),
  });
}

export function useObjects(ws: string, type: number | undefined, search: string) {
  return useQuery({
    queryKey: peopleKeys.objectList(ws, type, search),
    queryFn: () => apiFetch<ObjectsListDto>(`/api/workspaces/${ws}/objects${query({ type, search })}`),
    staleTime: 30_000,
  });
}

export function useObject(ws: string, type: number, id: string) {
  return useQuery({
    queryKey: peopleKeys.object(ws, type, id),
    queryFn: () => apiFetch<ObjectDto>(`/api/workspaces/${ws}/objects/${type}/${encodeURIComponent(id)}`),
    staleTime: 30_000,
  });
}
