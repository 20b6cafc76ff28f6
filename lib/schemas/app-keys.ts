import { z } from "zod";
import { keyNameSchema } from "./tracking-keys";

export const appKeyScopes = ["read", "full"] as const;

export const createAppKeySchema = z.object({
  name: keyNameSchema,
  scope: z.enum(appKeyScopes, { error: "Choose read-only or full access" }),
});
export type CreateAppKeyInput = z.infer<typeof createAppKeySchema>;
