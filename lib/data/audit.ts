import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/api/handler";

/** Records who changed which configuration, and when. */
export async function recordAudit(
  workspaceId: string,
  actor: Actor,
  action: string,
  target: { type: string; id?: string; details?: unknown },
): Promise<void> {
  await db.auditLog.create({
    data: {
      workspaceId,
      actorUserId: actor.kind === "user" ? actor.userId : null,
      actorKeyId: actor.kind === "app_key" ? actor.keyId : null,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      details: target.details === undefined ? null : JSON.stringify(target.details),
    },
  });
}
