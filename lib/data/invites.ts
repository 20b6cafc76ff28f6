import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/pg/client";
import { AppError } from "@/lib/api/errors";
import type { Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { finishLoginAttempt, startLoginAttempt } from "@/lib/auth/login-throttle";
import {
  acceptInviteNewUserSchema,
  type CreateInviteInput,
  type InviteDto,
  type InvitePreviewDto,
} from "@/lib/schemas/members";
import { actorUserId, type Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";
import type { Caller } from "./members";

// Invites: the link an admin sends, what it offers, and accepting it (which creates the membership).

const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

const userSelect = { id: true, email: true, name: true } as const;
const inviteSelect = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  invitedById: true,
} as const;

type InviteRow = Prisma.InviteGetPayload<{ select: typeof inviteSelect }>;

/** Invite rows as DTOs, with the inviter looked up (Invite keeps only their id, and they may have left). */
async function toInviteDtos(rows: InviteRow[]): Promise<InviteDto[]> {
  const ids = [...new Set(rows.map((r) => r.invitedById).filter((id): id is string => id !== null))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: userSelect }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role as Role,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    invitedBy: (r.invitedById && byId.get(r.invitedById)) || null,
  }));
}

/** The workspace's pending, unexpired invites, newest first. */
export async function listPendingInvites(workspaceId: string): Promise<InviteDto[]> {
  const rows = await db.invite.findMany({
    where: { workspaceId, acceptedAt: null, expiresAt: { gt: new Date() } },
    select: inviteSelect,
    orderBy: { createdAt: "desc" },
  });
  return toInviteDtos(rows);
}

/** Creates an invite and returns it with its secret token, which is stored only as a hash. */
export async function createInvite(
  workspaceId: string,
  caller: Caller,
  input: CreateInviteInput,
): Promise<{ invite: InviteDto; token: string }> {
  if (input.role === "owner" && caller.role !== "owner") {
    throw new AppError("forbidden", "Only owners can invite an owner");
  }
  const existing = await db.membership.findFirst({
    where: { workspaceId, user: { email: input.email } },
    select: { id: true },
  });
  if (existing) throw new AppError("conflict", `${input.email} is already a member of this workspace`);
  const token = generateToken("inv_");
  const row = await db.$transaction(async (tx) => {
    // One live link per email: inviting again replaces the earlier link, so only the newest one works.
    await tx.invite.deleteMany({ where: { workspaceId, email: input.email, acceptedAt: null } });
    const created = await tx.invite.create({
      data: {
        workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actorUserId(caller.actor),
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
      },
      select: inviteSelect,
    });
    await recordAudit(tx, workspaceId, caller.actor, "member.invite", {
      type: "invite",
      id: created.id,
      details: { email: input.email, role: input.role },
    });
    return created;
  });
  const [invite] = await toInviteDtos([row]);
  return { invite: invite!, token };
}

/** Deletes a pending invite; its link stops working. */
export async function revokeInvite(
  workspaceId: string,
  inviteId: string,
  actor?: Actor,
): Promise<{ id: string; email: string }> {
  const invite = await db.invite.findFirst({
    where: { id: inviteId, workspaceId, acceptedAt: null },
    select: { id: true, email: true },
  });
  if (!invite) throw new AppError("not_found", "Invite not found");
  await db.$transaction(async (tx) => {
    await tx.invite.delete({ where: { id: invite.id, workspaceId }, select: { id: true } });
    await recordAudit(tx, workspaceId, actor, "invite.revoke", {
      type: "invite",
      id: invite.id,
      details: { email: invite.email },
    });
  });
  return invite;
}

const INVITE_GONE = "This invite link is invalid, has expired or has already been used";

async function findLiveInvite(token: string) {
  const invite = await db.invite.findFirst({
    where: { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true, workspace: { select: { id: true, name: true } } },
  });
  if (!invite) throw new AppError("not_found", INVITE_GONE);
  return invite;
}

/** What the accept page shows: which workspace, which role, and whether the email already has an account. */
export async function getInvitePreview(token: string): Promise<InvitePreviewDto> {
  const invite = await findLiveInvite(token);
  const user = await db.user.findUnique({ where: { email: invite.email }, select: { id: true } });
  return {
    workspace: invite.workspace,
    email: invite.email,
    role: invite.role as Role,
    hasAccount: user !== null,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invite: an existing account proves it is theirs with its password (throttled like sign-in);
 * otherwise the account is created with the invite's email. Membership and acceptance happen together.
 */
export async function acceptInvite(
  token: string,
  input: { name?: string; password: string },
  client: string,
): Promise<{ workspaceId: string; email: string; role: Role }> {
  const invite = await findLiveInvite(token);
  const user = await db.user.findUnique({ where: { email: invite.email }, select: { id: true, passwordHash: true } });
  let newUser: { email: string; name: string | null; passwordHash: string } | null = null;
  if (user) {
    // The sign-in throttle's attempt pair: counted before the check, so parallel guesses cannot all pass it.
    const { waitMs } = await startLoginAttempt(invite.email, client);
    if (waitMs > 0) {
      throw new AppError("rate_limited", "Too many wrong passwords. Try again in a few minutes.", undefined, {
        "retry-after": String(Math.ceil(waitMs / 1000)),
      });
    }
    const isValid = await verifyPassword(input.password, user.passwordHash);
    await finishLoginAttempt(invite.email, client, isValid);
    if (!isValid) throw new AppError("unauthorized", `Wrong password for ${invite.email}`);
  } else {
    // The handler chose the schema from the preview; re-check in case the account vanished in between.
    const { name, password } = acceptInviteNewUserSchema.parse(input);
    newUser = { email: invite.email, name: name || null, passwordHash: await hashPassword(password) };
  }
  return db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("not_found", INVITE_GONE);
    const userId = user?.id ?? (await tx.user.create({ data: newUser!, select: { id: true } })).id;
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invite.workspace.id, userId } },
      select: { id: true },
    });
    if (existing) throw new AppError("conflict", `You are already a member of ${invite.workspace.name}`);
    await tx.membership.create({ data: { workspaceId: invite.workspace.id, userId, role: invite.role } });
    await recordAudit(tx, invite.workspace.id, { kind: "user", userId }, "invite.accept", {
      type: "invite",
      id: invite.id,
      details: { email: invite.email, role: invite.role },
    });
    return { workspaceId: invite.workspace.id, email: invite.email, role: invite.role as Role };
  });
}
