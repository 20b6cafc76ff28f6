import { z } from "zod";

const settingsFields = z.object({
  inAppEnabled: z.boolean(),
  retentionDays: z
    .number({ error: "Enter a number of days" })
    .int("Enter whole days")
    .min(1, "Keep events at least 1 day")
    .max(365, "Keep events at most 365 days"),
  retentionMaxEvents: z
    .number({ error: "Enter a number of events" })
    .int("Enter a whole number")
    .min(1000, "Keep at least 1,000 events")
    .max(100_000_000, "Keep at most 100,000,000 events"),
  anonymousMergeWindow: z
    .number({ error: "Enter a number of days" })
    .int("Enter whole days")
    .min(0, "Use 0 days or more")
    .max(365, "Use at most 365 days"),
});

export const updateSettingsSchema = settingsFields.partial().strict();
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;

export const retentionSettingsSchema = settingsFields.pick({ retentionDays: true, retentionMaxEvents: true });
export type RetentionSettingsInput = z.infer<typeof retentionSettingsSchema>;

export const mergeWindowSettingsSchema = settingsFields.pick({ anonymousMergeWindow: true });
export type MergeWindowSettingsInput = z.infer<typeof mergeWindowSettingsSchema>;
