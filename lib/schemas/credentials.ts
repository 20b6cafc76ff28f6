import { z } from "zod";

const keyName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

export const createTrackingKeySchema = z.object({ name: keyName });
export type CreateTrackingKeyInput = z.infer<typeof createTrackingKeySchema>;

export const updateTrackingKeySchema = z.object({ name: keyName });
export type UpdateTrackingKeyInput = z.infer<typeof updateTrackingKeySchema>;

export const appKeyScopes = ["read", "full"] as const;

export const createAppKeySchema = z.object({
  name: keyName,
  scope: z.enum(appKeyScopes, { error: "Choose read-only or full access" }),
});
export type CreateAppKeyInput = z.infer<typeof createAppKeySchema>;
