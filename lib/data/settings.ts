import "server-only";
import { db } from "@/lib/db";
import type { UpdateSettingsInput } from "@/lib/schemas/settings";

export type WorkspaceSettingsDto = {
  inAppEnabled: boolean;
  retentionDays: number;
  retentionMaxEvents: number;
  anonymousMergeWindow: number;
};

const select = { inAppEnabled: true, retentionDays: true, retentionMaxEvents: true, anonymousMergeWindow: true } as const;

export async function getSettings(workspaceId: string): Promise<WorkspaceSettingsDto> {
  // Every workspace gets its settings row at creation; upsert covers rows made before that rule.
  return db.workspaceSettings.upsert({ where: { workspaceId }, create: { workspaceId }, update: {}, select });
}

export async function updateSettings(workspaceId: string, input: UpdateSettingsInput): Promise<WorkspaceSettingsDto> {
  return db.workspaceSettings.upsert({ where: { workspaceId }, create: { workspaceId, ...input }, update: input, select });
}
