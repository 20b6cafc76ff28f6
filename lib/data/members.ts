import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/pg/client";
import { AppError } from "@/lib/api/errors";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { MemberDto, MembersListDto, UpdateMemberInput } from "@/lib/schemas/members";
import { actorUserId, type Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";
import { listPendingInvites } from "./invites";

// Memberships of a workspace: who is in it, with which role, and the rules that keep it owned.
// Invites (the way in) are in ./invites.ts.

/** Who is acting (a user, or an App API key) and their role here. */
export type Caller = { role: Role; actor: Actor };

type Tx = Prisma.TransactionClient;

const userSelect = { id: true, email: true, name: true } as const;
const memberSelect = { id: true, role: true, createdAt: true, user: { select: userSelect } } as const;

type MemberRow = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;

function toMemberDto(m: MemberRow): MemberDto {
  const { id: userId, email, name } = m.user;
  return { id: m.id, userId, email, name, role: m.role as Role, joinedAt: m.createdAt.toISOString() };
}

/** The workspace's members (oldest first) and its pending, unexpired invites (newest first). */
export async function listMembers(workspaceId: string): Promise<MembersListDto> {
  const [members, invites] = await Promise.all([
    db.membership.findMany({ where: { workspaceId }, select: memberSelect, orderBy: { createdAt: "asc" } }),
    listPendingInvites(workspaceId),
  ]);
  return { members: members.map(toMemberDto), invites };
}

/**
 * Starts a transaction's changes to a workspace's memberships. The update takes the workspace row's lock on
 * PostgreSQL (SQLite has a single writer anyway), so two owners demoting each other at the same moment run
 * one after the other and the "last owner" check below cannot be raced.
 */
async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.workspace.update({ where: { id: workspaceId }, data: { updatedAt: new Date() }, select: { id: true } });
}

async function findMember(tx: Tx, workspaceId: string, membershipId: string): Promise<MemberRow> {
  const m = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, select: memberSelect });
  if (!m) throw new AppError("not_found", "Member not found");
  return m;
}

async function isLastOwner(tx: Tx, workspaceId: string): Promise<boolean> {
  return (await tx.membership.count({ where: { workspaceId, role: "owner" } })) <= 1;
}

/** Changes a member's role. Only owners grant or take away the owner role; the last owner keeps it. */
export async function updateMemberRole(
  workspaceId: string,
  caller: Caller,
  membershipId: string,
  input: UpdateMemberInput,
): Promise<MemberDto> {
  return db.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const m = await findMember(tx, workspaceId, membershipId);
    if ((m.role === "owner" || input.role === "owner") && caller.role !== "owner") {
      throw new AppError("forbidden", "Only owners can grant or take away the owner role");
    }
    if (m.role === "owner" && input.role !== "owner" && (await isLastOwner(tx, workspaceId))) {
      throw new AppError("conflict", "This is the workspace's last owner: make someone else an owner first");
    }
    const updated = await tx.membership.update({
      where: { id: m.id, workspaceId },
      data: { role: input.role },
      select: memberSelect,
    });
    await recordAudit(tx, workspaceId, caller.actor, "member.role_change", {
      type: "membership",
      id: m.id,
      details: { email: m.user.email, from: m.role, to: updated.role },
    });
    return toMemberDto(updated);
  });
}

/** Removes a member, or lets a member leave (any role may remove themself). The last owner stays. */
export async function removeMember(
  workspaceId: string,
  caller: Caller,
  membershipId: string,
): Promise<MemberDto> {
  return db.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const m = await findMember(tx, workspaceId, membershipId);
    const isSelf = actorUserId(caller.actor) === m.user.id;
    if (!isSelf && !hasRole(caller.role, "admin")) {
      throw new AppError("forbidden", "Only owners and admins can remove other members");
    }
    if (!isSelf && m.role === "owner" && caller.role !== "owner") {
      throw new AppError("forbidden", "Only owners can remove an owner");
    }
    if (m.role === "owner" && (await isLastOwner(tx, workspaceId))) {
      throw new AppError(
        "conflict",
        isSelf
          ? "You are this workspace's last owner: make someone else an owner before leaving"
          : "This is the workspace's last owner and cannot be removed",
      );
    }
    await tx.membership.delete({ where: { id: m.id, workspaceId } });
    await recordAudit(tx, workspaceId, caller.actor, isSelf ? "member.leave" : "member.remove", {
      type: "membership",
      id: m.id,
      details: { email: m.user.email, role: m.role },
    });
    return toMemberDto(m);
  });
}

