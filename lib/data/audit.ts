import "server-only";
import type { Prisma } from "@/lib/generated/pg/client";
import type { Actor } from "@/lib/api/handler";

type Tx = Prisma.TransactionClient;

/** Every action the audit log records: one name per kind of configuration change. */
export type AuditAction =
  | "workspace.rename"
  | "settings.update"
  | "source.create"
  | "source.rename"
  | "source.enable"
  | "source.disable"
  | "source.rate_limit"
  | "source.in_app_key"
  | "source.rotate_key"
  | "source.delete"
  | "destination.create"
  | "destination.rename"
  | "destination.enable"
  | "destination.disable"
  | "destination.settings"
  | "destination.connections"
  | "destination.delete"
  | "action.create"
  | "action.update"
  | "action.delete"
  | "member.invite"
  | "member.role_change"
  | "member.remove"
  | "member.leave"
  | "invite.revoke"
  | "invite.accept"
  | "tracking_key.create"
  | "tracking_key.rename"
  | "tracking_key.reveal"
  | "tracking_key.regenerate"
  | "tracking_key.revoke"
  | "app_key.create"
  | "app_key.revoke"
  | "person.delete"
  | "person.suppress";

export type AuditTarget = {
  type:
    | "workspace"
    | "workspace_settings"
    | "source"
    | "destination"
    | "action"
    | "membership"
    | "invite"
    | "tracking_key"
    | "app_key"
    | "person";
  id?: string;
  details?: unknown;
};

/**
 * Records who changed which configuration, and when. Called with the change's own transaction, so a change is
 * never applied without its record nor recorded without being applied. Without an actor (Sluice provisioning a
 * workspace itself, tests calling lib/data directly) there is nobody to record.
 */
export async function recordAudit(
  tx: Tx,
  workspaceId: string,
  actor: Actor | undefined,
  action: AuditAction,
  target: AuditTarget,
): Promise<void> {
  if (!actor) return;
  await tx.auditLog.create({
    data: {
      workspaceId,
      actorUserId: actor.kind === "user" ? actor.userId : null,
      actorKeyId: actor.kind === "app_key" ? actor.keyId : null,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      details: target.details === undefined ? null : JSON.stringify(target.details),
    },
    select: { id: true },
  });
}
