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
});
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

export const updateSourceSchema = z
  .object({
    name: sourceNameSchema.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    /** The tracking API key whose Site ID the in-app plugin uses; null = the workspace's first active key. */
    inAppSiteKeyId: z.string().min(1, "Choose a tracking API key").nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.enabled !== undefined || v.inAppSiteKeyId !== undefined, {
    message: "Send name, enabled or inAppSiteKeyId",
  });
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const deleteSourceSchema = z.object({
  /** true: delete the source's stored events too; false (default): keep them for the debugger and history. */
  deleteEvents: z.boolean({ error: "deleteEvents must be true or false" }).default(false),
});
export type DeleteSourceInput = z.infer<typeof deleteSourceSchema>;

/** The settings form: rename only (enable, rotate and delete are buttons). */
export const renameSourceSchema = z.object({ name: sourceNameSchema });
export type RenameSourceInput = z.infer<typeof renameSourceSchema>;
