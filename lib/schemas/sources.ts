import { z } from "zod";
import { sourceTypeIds } from "@/lib/sources";

// Shared by the add-source / settings forms and the management API handlers.

export const sourceNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

export const createSourceSchema = z.object({
  type: z.enum(sourceTypeIds, { error: "Choose a source type from the catalog" }),
  name: sourceNameSchema,
  /** Connect it to the workspace's Customer.io Journeys destination, if it has one; unless false (as the add
   *  page offers it, ticked). */
  connectJourneys: z.boolean({ error: "connectJourneys must be true or false" }).optional(),
});
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

/** A source's own ingest rate limit: `calls` per `windowSeconds` (0 calls: no limit, whatever the server's). */
export const sourceRateLimitSchema = z.object({
  calls: z
    .number({ error: "calls must be a whole number" })
    .int("calls must be a whole number")
    .min(0, "Use 0 or more calls")
    .max(10_000_000, "Use at most 10,000,000 calls"),
  windowSeconds: z
    .number({ error: "windowSeconds must be a whole number" })
    .int("windowSeconds must be a whole number")
    .min(1, "Use a window of 1 second or more")
    .max(3600, "Use a window of at most 3,600 seconds"),
});

export const updateSourceSchema = z
  .object({
    name: sourceNameSchema.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    /** The tracking API key whose Site ID the in-app plugin uses; null = the workspace's first active key. */
    inAppSiteKeyId: z.string().min(1, "Choose a tracking API key").nullable().optional(),
    /** The source's own ingest rate limit; null = the server's default (SLUICE_INGEST_RATE_LIMIT, none unset). */
    rateLimit: sourceRateLimitSchema.nullable().optional(),
  })
  .refine(
    (v) =>
      v.name !== undefined || v.enabled !== undefined || v.inAppSiteKeyId !== undefined || v.rateLimit !== undefined,
    { message: "Send name, enabled, inAppSiteKeyId or rateLimit" },
  );
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const deleteSourceSchema = z.object({
  /** true: delete the source's stored events too; false (default): keep them for the debugger and history. */
  deleteEvents: z.boolean({ error: "deleteEvents must be true or false" }).default(false),
});
export type DeleteSourceInput = z.infer<typeof deleteSourceSchema>;

/** The settings form: rename only (enable, rotate and delete are buttons). */
export const renameSourceSchema = z.object({ name: sourceNameSchema });
export type RenameSourceInput = z.infer<typeof renameSourceSchema>;

/** The settings form's rate limit: text fields; blank calls = the server's default. */
export const rateLimitFormSchema = z.object({
  calls: z
    .string()
    .trim()
    .regex(/^\d*$/, "Enter a whole number of calls, 0 for no limit, or leave it blank")
    .refine((v) => v === "" || Number(v) <= 10_000_000, "Use at most 10,000,000 calls"),
  windowSeconds: z
    .string()
    .trim()
    .regex(/^\d+$/, "Enter a whole number of seconds")
    .refine((v) => Number(v) >= 1 && Number(v) <= 3600, "Use 1 to 3,600 seconds"),
});
export type RateLimitFormInput = z.infer<typeof rateLimitFormSchema>;
