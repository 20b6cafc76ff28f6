import { z } from "zod";

// The deliveries API's inputs and answers (isomorphic: the Data Out tab and the handlers share them).

export const DELIVERY_STATUSES = ["delivered", "retrying", "failed", "dead", "discarded"] as const;
export type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];

export const listDeliveriesQuerySchema = z.object({
  destinationId: z.string().min(1).optional(),
  status: z.enum(DELIVERY_STATUSES, { message: `status is one of ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  eventId: z.string().regex(/^\d+$/, "eventId is an event's numeric id").optional(),
  /** The `nextCursor` of the previous page. */
  before: z.string().regex(/^\d+$/, "before is the nextCursor of a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** An event name (substring, any case), or a userId or messageId (exact). */
  q: z.string().trim().min(1).max(300).optional(),
  /** Deliveries created in this time range. */
  from: z.iso.datetime({ offset: true, message: "from is an ISO 8601 time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "to is an ISO 8601 time" }).optional(),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

const isoDate = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z" });

export const createReplaySchema = z
  .object({
    from: isoDate,
    to: isoDate.optional(),
    /** Only this action (e.g. after fixing its mapping); every enabled action when left out. */
    actionId: z.string().min(1).optional(),
  })
  .refine((v) => !v.to || Date.parse(v.from) <= Date.parse(v.to), { message: "from must be before to", path: ["to"] });
export type CreateReplayInput = z.infer<typeof createReplaySchema>;

export const resumeSchema = z.object({
  /** "backlog": deliver what arrived while it was off (from its cursor); "now": start from the newest event. */
  mode: z.enum(["backlog", "now"], { message: 'mode is "backlog" (deliver what arrived meanwhile) or "now"' }),
});
export type ResumeInput = z.infer<typeof resumeSchema>;

export type DeliveryAttemptDto = {
  attempt: number;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null } | null;
  response: { status: number; headers: Record<string, string>; body: string } | null;
};

export type DeliveryDto = {
  id: string;
  eventId: string;
  destinationId: string;
  actionId: string;
  status: DeliveryStatusName;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  replayId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The event delivered (lists only; null once retention removed it). */
  event?: DeliveryEventDto | null;
};

export type DeliveryEventDto = {
  type: string;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  messageId: string;
  receivedAt: string;
};

export type DeliveryDetailDto = DeliveryDto & { attemptLog: DeliveryAttemptDto[] };

export type ReplayJobDto = {
  id: string;
  destinationId: string;
  actionId: string | null;
  from: string;
  to: string;
  status: "running" | "done" | "cancelled" | "failed";
  total: number;
  processed: number;
  /** 0–100. */
  progress: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** Why each action of a destination did or did not take an event (the debugger's "why"). */
export type EventRoutingDto = {
  destinationId: string;
  destinationName: string;
  /** The destination's cursor has passed the event: the worker routed it (with the configuration of then), and
   *  every action that took it has a Delivery row. Unknown (absent) in the deliveries API's explanation. */
  isRouted?: boolean;
  actions: { actionId: string; actionName: string; taken: boolean; reason?: string; message?: string }[];
};

export type DeliverySummaryDto = {
  destinationId: string;
  counts: Record<DeliveryStatusName, number>;
  /** Events the actions did not take (trigger, integrations, disabled) in the retention window. */
  filtered: number;
  filteredByAction: Record<string, number>;
};

export type ResumePreviewDto = {
  enabled: boolean;
  /** Accepted events of its sources after its cursor: what "backlog" would deliver. */
  backlog: number;
};
