import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import type { CreateAppKeyInput } from "@/lib/schemas/app-keys";
import type { Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";

// App API keys authorize the management API as `Authorization: Bearer <key>`. Only a SHA-256 hash and a short
// prefix (to recognise a key in lists) are stored; the key itself is shown once, at creation.

export type AppKeyScope = "read" | "full";

export type AppKeyDto = {
  id: string;
  name: string;
  prefix: string;
  scope: AppKeyScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const TOKEN_PREFIX = "sk_sluice_";
const select = { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toDto(row: { id: string; name: string; prefix: string; scope: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): AppKeyDto {
  return {
    ...row,
    scope: row.scope as AppKeyScope,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listAppKeys(workspaceId: string): Promise<AppKeyDto[]> {
  const rows = await db.appApiKey.findMany({ where: { workspaceId }, select, orderBy: { createdAt: "asc" } });
  return rows.map(toDto);
}

/** Creates a key and returns it with the secret token, which is not stored and cannot be shown again. */
export async function createAppKey(workspaceId: string, input: CreateAppKeyInput, actor?: Actor) {
  const token = generateToken(TOKEN_PREFIX);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.appApiKey.create({
      data: {
        workspaceId,
        name: input.name,
        scope: input.scope,
        prefix: token.slice(0, TOKEN_PREFIX.length + 4),
        hash: hashToken(token),
        createdById: actor?.kind === "user" ? actor.userId : null,
      },
      select,
    });
    await recordAudit(tx, workspaceId, actor, "app_key.create", { type: "app_key", id: created.id, details: input });
    return created;
  });
  return { ...toDto(row), token };
}

export async function revokeAppKey(workspaceId: string, id: string, actor?: Actor): Promise<AppKeyDto> {
  const key = await db.appApiKey.findFirst({ where: { id, workspaceId }, select });
  if (!key) throw new AppError("not_found", "App API key not found");
  if (key.revokedAt) return toDto(key);
  return db.$transaction(async (tx) => {
    const row = await tx.appApiKey.update({ where: { id }, data: { revokedAt: new Date() }, select });
    await recordAudit(tx, workspaceId, actor, "app_key.revoke", { type: "app_key", id });
    return toDto(row);
  });
}

/** The active App API key for a bearer token, recording its use; null when unknown or revoked. */
export async function authenticateAppKey(token: string) {
  const key = await db.appApiKey.findUnique({
    where: { hash: hashToken(token) },
    select: { id: true, workspaceId: true, scope: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  // Record use at most once a minute per key, so a busy integration does not write on every call.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.appApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: key.id, workspaceId: key.workspaceId, scope: key.scope as AppKeyScope };
}
