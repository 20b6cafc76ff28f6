"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { CreateInviteInput, InviteDto, MemberDto, MembersListDto, UpdateMemberInput } from "@/lib/schemas/members";

export const memberKeys = {
  all: (ws: string) => ["ws", ws, "members"] as const,
};

const base = (ws: string) => `/api/workspaces/${ws}`;

export function useMembers(ws: string) {
  return useQuery({
    queryKey: memberKeys.all(ws),
    queryFn: () => apiFetch<MembersListDto>(`${base(ws)}/members`),
  });
}

/** Every mutation here changes the one list, so each invalidates the domain's prefix. */
function useMembersMutation<TInput, TResult>(ws: string, mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.all(ws) }),
  });
}

export function useCreateInvite(ws: string) {
  return useMembersMutation(ws, (input: CreateInviteInput) =>
    apiFetch<{ invite: InviteDto; url: string; email: { emailed: boolean; error?: string } }>(`${base(ws)}/invites`, {
      body: input,
    }),
  );
}

export function useRevokeInvite(ws: string) {
  return useMembersMutation(ws, (inviteId: string) =>
    apiFetch<void>(`${base(ws)}/invites/${inviteId}`, { method: "DELETE" }),
  );
}

export function useUpdateMemberRole(ws: string) {
  return useMembersMutation(ws, ({ id, ...input }: UpdateMemberInput & { id: string }) =>
    apiFetch<MemberDto>(`${base(ws)}/members/${id}`, { method: "PATCH", body: input }),
  );
}

export function useRemoveMember(ws: string) {
  return useMembersMutation(ws, (membershipId: string) =>
    apiFetch<void>(`${base(ws)}/members/${membershipId}`, { method: "DELETE" }),
  );
}
