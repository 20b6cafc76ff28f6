import { z } from "zod";

// Request bodies of the destinations and actions management API. Isomorphic: the add-destination and action
// forms use the same shapes. What only the definition knows (its settings schema, its action fields, FQL
// semantics) is checked on the server after these: lib/destinations/settings.ts, lib/mappings, lib/triggers.

export const MAX_ACTIONS_PER_DESTINATION = 50;

/** The built-in Customer.io Journeys destination's type. */
export const JOURNEYS_SLUG = "customerio";

/**
 * Whether a source may feed a destination of this type. A tracking key's source ("Journeys API — <key name>")
 * stores calls the Track API has already applied to the people store: fed to the Journeys destination, each
 * would be applied a second time (and one without an id under a new random messageId, so never deduplicated).
 */
export function canSourceFeed(destinationSlug: string, source: { trackingKeyId: string | null }): boolean {
  return !(destinationSlug === JOURNEYS_SLUG && source.trackingKeyId !== null);
}

export const destinationNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

const settingsSchema = z.record(z.string(), z.unknown(), { error: "settings must be an object" });
const sourceIdsSchema = z
  .array(z.string({ error: "Each source id must be a string" }).min(1), {
    error: "sourceIds must be a list of source ids",
  })
  .max(200, "Connect at most 200 sources");

export const createDestinationSchema = z.object({
  slug: z
    .string({ error: "Choose a destination from the catalog" })
    .trim()
    .min(1, "Choose a destination from the catalog"),
  name: destinationNameSchema,
  settings: settingsSchema.default({}),
  sourceIds: sourceIdsSchema.optional(),
  enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
});
export type CreateDestinationInput = z.infer<typeof createDestinationSchema>;

export const updateDestinationSchema = z
  .object({
    name: destinationNameSchema.optional(),
    /** A key left out keeps its value, null clears it, anything else replaces it (secrets included). */
    settings: settingsSchema.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    /** Replaces the destination's connections. */
    sourceIds: sourceIdsSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "Send name, settings, enabled or sourceIds",
  });
export type UpdateDestinationInput = z.infer<typeof updateDestinationSchema>;

export const actionNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");
export const triggerSchema = z
  .string({ error: 'Enter a trigger (FQL), e.g. type = "track"' })
  .max(4000, "Use at most 4,000 characters");
const mappingSchema = z.record(z.string(), z.unknown(), { error: "mapping must be an object" });

export const createActionSchema = z.object({
  actionKey: z.string({ error: "Choose an action type" }).min(1, "Choose an action type"),
  name: actionNameSchema,
  trigger: triggerSchema,
  mapping: mappingSchema,
  enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
  batching: z.boolean({ error: "batching must be true or false" }).optional(),
});
export type CreateActionInput = z.infer<typeof createActionSchema>;

export const updateActionSchema = z
  .object({
    name: actionNameSchema.optional(),
    trigger: triggerSchema.optional(),
    /** Replaces the whole mapping. */
    mapping: mappingSchema.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    batching: z.boolean({ error: "batching must be true or false" }).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "Send name, trigger, mapping, enabled or batching",
  });
export type UpdateActionInput = z.infer<typeof updateActionSchema>;

export const testActionSchema = z
  .object({
    /** A sample event (JSON) to try the action on… */
    event: z.record(z.string(), z.unknown(), { error: "event must be a JSON object" }).optional(),
    /** …or the id of a stored event of one of the destination's connected sources. */
    eventId: z
      .string({ error: "eventId must be a string" })
      .regex(/^\d+$/, "eventId is an event's numeric id")
      .optional(),
    /** Unsaved edits to try instead of the saved trigger / mapping (the editor's test before saving). */
    trigger: triggerSchema.optional(),
    mapping: mappingSchema.optional(),
    /** Perform the action for real and report the HTTP exchanges. */
    send: z.boolean({ error: "send must be true or false" }).default(false),
  })
  .refine((v) => (v.event === undefined) !== (v.eventId === undefined), {
    message: "Send either event or eventId",
    path: ["event"],
  });
export type TestActionInput = z.infer<typeof testActionSchema>;
