import "server-only";
import { db } from "@/lib/db";
import { provisionJourneys } from "@/lib/people/provision";
import { AppError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/password";
import type { SetupInput } from "@/lib/schemas/auth";

export type UserDto = { id: string; email: string; name: string | null };

const userSelect = { id: true, email: true, name: true } as const;

export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

export async function findUserForSignIn(email: string) {
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { ...userSelect, passwordHash: true } });
}

export async function getUser(id: string): Promise<UserDto | null> {
  return db.user.findUnique({ where: { id }, select: userSelect });
}

/**
 * First run: creates the owner account and its first workspace, only while no user exists.
 * Returns the new workspace's id.
 */
export async function createFirstOwner(input: SetupInput): Promise<{ userId: string; workspaceId: string }> {
  const passwordHash = await hashPassword(input.password);
  const created = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) {
      throw new AppError("conflict", "Sluice is already set up: sign in instead");
    }
    const user = await tx.user.create({
      data: { email: input.email.toLowerCase(), name: input.name || null, passwordHash },
      select: { id: true },
    });
    const workspace = await tx.workspace.create({
      data: {
        name: input.workspaceName,
        memberships: { create: { userId: user.id, role: "owner" } },
        settings: { create: {} },
      },
      select: { id: true },
    });
    return { userId: user.id, workspaceId: workspace.id };
  });
  await provisionJourneys(created.workspaceId); // as every new workspace
  return created;
}
