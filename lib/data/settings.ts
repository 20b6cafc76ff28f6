import "server-only";
import { db } from "@/lib/db";
import type { UpdateSettingsInput } from "@/lib/schemas/settings";
import type { Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";
import { getInAppKey } from "./tracking-keys";

export type WorkspaceSettingsDto = {
  inAppEnabled: boolean;
  retentionDays: number;
  retentionMaxEvents: number;
  anonymousMergeWindow: number;
  /** The tracking key whose Site ID JavaScript sources' in-app plugin uses unless a source picks another. */
  inAppKey: { id: string; name: string; siteId: string } | null;
};

const select = { inAppEnabled: true, retentionDays: true, retentionMaxEvents: true, anonymousMergeWindow: true } as const;

export async function getSettings(workspaceId: string): Promise<WorkspaceSettingsDto> {
  // Every workspace gets its settings row at creation; upsert covers rows made before that rule.
  const row = await db.workspaceSettings.upsert({ where: { workspaceId }, create: { workspaceId }, update: {}, select });
  return { ...row, inAppKey: await getInAppKey(workspaceId) };
}

export async function updateSettings(
  workspaceId: string,
  input: UpdateSettingsInput,
  actor?: Actor,
): Promise<WorkspaceSettingsDto> {
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.workspaceSettings.upsert({
      where: { workspaceId },
      create: { workspaceId, ...input },
      update: input,
      select,
    });
    await recordAudit(tx, workspaceId, actor, "settings.update", {
      type: "workspace_settings",
      id: workspaceId,
      details: input,
    });
    return updated;
  });
  return { ...row, inAppKey: await getInAppKey(workspaceId) };
}
