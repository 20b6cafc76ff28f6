import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";

export type AppKeyScope = "read" | "full";

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
