import { z } from "zod";

// Query parameters of the events API and its live stream; the debugger's filter bar builds the same shape.

/** An empty query parameter (`?type=`) means "no filter", as a cleared filter field sends it. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

// Event ids are BIGINT (PostgreSQL) / INTEGER (SQLite): at most 2^63 - 1, or PostgreSQL fails the cast.
const MAX_EVENT_ID = 9223372036854775807n;
const eventId = z
  .string()
  .regex(/^\d{1,19}$/, "Use an event id (digits)")
  .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= MAX_EVENT_ID, `Use an event id of at most ${MAX_EVENT_ID}`);
const text = (max: number) => z.string().trim().min(1).max(max, `Use at most ${max} characters`);
const isoTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 time, e.g. 2026-11-29T10:00:00Z" });

export const eventStatuses = ["accepted", "rejected"] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const eventFilterSchema = z
  .object({
    sourceId: optional(text(100)),
    type: optional(text(50)),
    event: optional(text(300)),
    userId: optional(text(300)),
    anonymousId: optional(text(300)),
    /** "any": the person's calls — userId, or anonymousId (this one, or one their identify calls carried). */
    identity: optional(z.enum(["any"], { error: "Use identity=any (or leave it out)" })),
    q: optional(text(200)),
    status: optional(z.enum(eventStatuses, { error: "Use accepted or rejected" })),
    from: optional(isoTime),
    to: optional(isoTime),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), {
    message: "from must not be after to",
    path: ["from"],
  });
export type EventFilter = z.infer<typeof eventFilterSchema>;

export const listEventsQuerySchema = z.intersection(
  eventFilterSchema,
  z.object({
    before: optional(eventId),
    limit: optional(z.coerce.number().int("Use a whole number").min(1).max(200, "Use at most 200")),
  }),
);
export type ListEventsQuery = z.infer<typeof listEventsQuerySchema>;

export const streamEventsQuerySchema = z.intersection(eventFilterSchema, z.object({ lastEventId: optional(eventId) }));
export type StreamEventsQuery = z.infer<typeof streamEventsQuerySchema>;

/** The query string of a URL as a plain object (the last value wins for a repeated key). */
export function searchParamsObject(url: string | URL): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}
