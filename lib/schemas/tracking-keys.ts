import { z } from "zod";

// Tracking API keys (Site ID + API key): one name for the feature, as in the API and lib/data.

/** The name of a tracking API key or an App API key. */
export const keyNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

export const createTrackingKeySchema = z.object({ name: keyNameSchema });
export type CreateTrackingKeyInput = z.infer<typeof createTrackingKeySchema>;

export const updateTrackingKeySchema = z.object({ name: keyNameSchema });
export type UpdateTrackingKeyInput = z.infer<typeof updateTrackingKeySchema>;
