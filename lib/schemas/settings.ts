import { z } from "zod";

export const updateSettingsSchema = z
  .object({
    inAppEnabled: z.boolean(),
    retentionDays: z.number().int().min(1, "Keep events at least 1 day").max(365, "Keep events at most 365 days"),
    retentionMaxEvents: z.number().int().min(1000, "Keep at least 1,000 events").max(100_000_000),
    anonymousMergeWindow: z.number().int().min(0).max(365),
  })
  .partial()
  .strict();
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;
