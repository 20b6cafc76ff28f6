import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { Role } from "@/lib/auth/roles";
import type { Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";
import { provisionJourneys } from "@/lib/people/provision";
import type { CreateWorkspaceInput, UpdateWorkspaceInput } from "@/lib/schemas/workspaces";

export type WorkspaceDto = { id: string; name: string; role: Role; createdAt: string };

function toDto(w: { id: string; name: string; createdAt: Date }, role: string): WorkspaceDto {
  return { id: w.id, name: w.name, role: role as Role, createdAt: w.createdAt.toISOString() };
}

const workspaceSelect = { id: true, name: true, createdAt: true } as const;

/** The workspaces a user belongs to, oldest first (the first is where sign-in lands). */
export async function listWorkspacesForUser(userId: string): Promise<WorkspaceDto[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: workspaceSelect } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => toDto(m.workspace, m.role));
}

/** The user's role in a workspace, or null when they are not a member (callers answer 404, not 403). */
export async function getMembershipRole(workspaceId: string, userId: string): Promise<Role | null> {
  const m = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  return (m?.role as Role | undefined) ?? null;
}

export async function getWorkspace(workspaceId: string): Promise<{ id: string; name: string; createdAt: Date }> {
  const w = await db.workspace.findUnique({ where: { id: workspaceId }, select: workspaceSelect });
  if (!w) throw new AppError("not_found", "Workspace not found");
  return w;
}

export async function createWorkspace(userId: string, input: CreateWorkspaceInput): Promise<WorkspaceDto> {
  const w = await db.workspace.create({
    data: { name: input.name, memberships: { create: { userId, role: "owner" } }, settings: { create: {} } },
    select: workspaceSelect,
  });
  await provisionJourneys(w.id);
  return toDto(w, "owner");
}

export async function updateWorkspace(
  workspaceId: string,
  role: Role,
  input: UpdateWorkspaceInput,
  actor?: Actor,
): Promise<WorkspaceDto> {
  const w = await db.$transaction(async (tx) => {
    const row = await tx.workspace.update({ where: { id: workspaceId }, data: { name: input.name }, select: workspaceSelect });
    await recordAudit(tx, workspaceId, actor, "workspace.rename", { type: "workspace", id: workspaceId, details: input });
    return row;
  });
  return toDto(w, role);
}
