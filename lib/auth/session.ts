import "server-only";
import { cache } from "react";
import { redirect, notFound } from "next/navigation";
import { headers } from "next/headers";
import { readSession } from "@/lib/auth/session-token";
import { getUser, type UserDto } from "@/lib/data/users";
import { getMembershipRole, getWorkspace } from "@/lib/data/workspaces";
import type { Role } from "@/lib/auth/roles";

/** The signed-in user, or null. A session that was signed out, or whose user was deleted, counts as signed out. */
export const getSessionUser = cache(async (): Promise<UserDto | null> => {
  const session = await readSession(await headers());
  return session ? getUser(session.userId) : null;
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<UserDto> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages under /[workspaceId]: the user and their role there; 404 when they are not a member. */
export const requireWorkspaceMember = cache(async (workspaceId: string) => {
  const user = await requireUser();
  const role: Role | null = await getMembershipRole(workspaceId, user.id);
  if (!role) notFound();
  const workspace = await getWorkspace(workspaceId);
  return { user, role, workspace: { id: workspace.id, name: workspace.name } };
});
