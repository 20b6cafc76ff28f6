import crypto from "node:crypto";
import type { EventRow } from "@/lib/eventlog";
import { jsonPreview, MAX_CALL_DEPTH, valueDepth } from "@/lib/eventlog/json-depth";
import { isoOf } from "./clock";
import { LIMITS } from "./config";
import { correctSkew, isInRange, parseMs } from "./dates";
import type { ReasonCode } from "./reason-codes";

// Validation and enrichment of one call (a single call's body, or one item of a batch), as Segment's HTTP
// Tracking API and Customer.io's Data Pipelines API define them (ARCHITECTURE.md, Ingest). Pure: everything request-specific comes in `CallContext`.
// The hot path of batched ingest: one pass over the call, the parsed object enriched in place (it is the
// request's own), dates as numbers, one JSON.stringify.

export const CALL_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;
export type CallType = (typeof CALL_TYPES)[number];

type Json = Record<string, unknown>;

export interface CallContext {
  source: { id: string; workspaceId: string };
  receivedAt: Date;
  /** The caller's address, added as context.ip to browser calls that lack one. */
  ip?: string;
  /** The request came from a browser (Origin header): context.ip is filled in. */
  isBrowser: boolean;
  /** Batch-level fields that apply to every item. */
  batch?: { sentAt?: unknown; context?: unknown; integrations?: unknown };
  /** The body's text is nested deeper than MAX_CALL_DEPTH somewhere: measure each call (see json-depth.ts). */
  checkDepth?: boolean;
  /** Group calls and "Object Deleted" / "Relationship Deleted" tracks may name no person (the Track API's object
   *  operations). */
  canOmitPersonForObjects?: boolean;
}

export type PreparedCall = { ok: true; row: EventRow } | { ok: false; row: EventRow; error: string; code: ReasonCode };

/** Fields that must be JSON objects when present (null counts as absent). */
const OBJECT_FIELDS = ["traits", "properties", "context", "integrations"] as const;

/** `type` is the path's call type for single calls; undefined for batch items (each names its own). */
export function prepareCall(raw: unknown, type: CallType | undefined, ctx: CallContext): PreparedCall {
  if (!isObject(raw)) return reject(raw, type ?? "unknown", "A call must be a JSON object", "invalid_type", ctx);
  // Too deep to serialize safely here or to map and deliver later (JSON.stringify recurses).
  if (ctx.checkDepth && valueDepth(raw, MAX_CALL_DEPTH) > MAX_CALL_DEPTH) {
    const claimed = type ?? (typeof raw.type === "string" ? raw.type.slice(0, 40) : "unknown");
    return reject(raw, claimed, `The call is nested deeper than ${MAX_CALL_DEPTH} levels`, "too_deep", ctx);
  }
  const callType = type ?? raw.type;
  if (!isCallType(callType)) {
    const claimed = typeof raw.type === "string" ? raw.type.slice(0, 40) : "unknown";
    return reject(raw, claimed, `"type" must be one of ${CALL_TYPES.join(", ")}`, "invalid_call_type", ctx);
  }
  const problem = validate(raw, callType, ctx.canOmitPersonForObjects === true);
  if (problem) return reject(raw, callType, problem[1], problem[0], ctx);
  const dates = readDates(raw);
  if (typeof dates === "string") {
    const reason = `"${dates}" is out of range: use an ISO-8601 date between the years 0000 and 9999`;
    return reject(raw, callType, reason, "invalid_timestamp", ctx);
  }

  const call = enrich(raw, callType, ctx, dates);
  if (ctx.checkDepth && valueDepth(call, MAX_CALL_DEPTH) > MAX_CALL_DEPTH) {
    const reason = `With the batch's context and integrations merged in, the call is nested deeper than ${MAX_CALL_DEPTH} levels`;
    return reject(raw, callType, reason, "too_deep", ctx);
  }
  return {
    ok: true,
    row: {
      workspaceId: ctx.source.workspaceId,
      sourceId: ctx.source.id,
      messageId: call.messageId as string,
      type: callType,
      name: nameOf(call, callType),
      userId: idOf(call.userId),
      anonymousId: idOf(call.anonymousId),
      payload: JSON.stringify(call),
      receivedAt: ctx.receivedAt,
      status: "accepted",
      reason: null,
      reasonCode: null,
    },
  };
}

function validate(call: Json, type: CallType, canOmitPersonForObjects: boolean): [ReasonCode, string] | undefined {
  for (const field of OBJECT_FIELDS) {
    const value = call[field];
    if (value !== undefined && value !== null && !isObject(value)) {
      return ["invalid_field", `"${field}" must be a JSON object, not ${kindOf(value)}`];
    }
  }
  const email = isObject(call.traits) ? call.traits.email : undefined;
  const hasIdentity = idOf(call.userId) || idOf(call.anonymousId) || (type === "identify" && idOf(email));
  if (!hasIdentity && !(canOmitPersonForObjects && isObjectCall(call, type))) {
    return ["missing_identity", `${type} calls need a "userId" or an "anonymousId"`];
  }
  if (type === "track" && (typeof call.event !== "string" || call.event.trim() === "")) {
    return ["missing_event", 'track calls need a non-empty "event"'];
  }
  if (type === "alias" && (!idOf(call.previousId) || !idOf(call.userId))) {
    return ["missing_previous_id", 'alias calls need a "previousId" and a "userId"'];
  }
  if (type === "group" && !idOf(call.groupId)) return ["missing_group_id", 'group calls need a "groupId"'];
  const messageId = call.messageId;
  if (messageId !== undefined && messageId !== null) {
    if (typeof messageId !== "string" && typeof messageId !== "number") {
      return ["invalid_message_id", '"messageId" must be a string'];
    }
    const text = String(messageId);
    if (text.includes("\u0000")) return ["invalid_message_id", '"messageId" must not contain NUL characters'];
    if (text.length > LIMITS.messageIdLength) {
      return ["invalid_message_id", `"messageId" is longer than ${LIMITS.messageIdLength} characters`];
    }
  }
  return undefined;
}

/** A call about an object alone: Customer.io's Data Pipelines takes a group call without a userId "if you simply
 *  want to update the traits for the group", and its Track API creates, updates and deletes objects (and all of an
 *  object's relationships) on their own. */
function isObjectCall(call: Json, type: CallType): boolean {
  return type === "group" || (type === "track" && OBJECT_EVENTS.has(call.event));
}
const OBJECT_EVENTS = new Set<unknown>(["Object Deleted", "Relationship Deleted"]);

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "an array" : typeof value === "string" ? "a string" : `a ${typeof value}`;
}

interface CallDates {
  timestamp?: number;
  original?: number;
  sentAt?: number;
}

/** The call's dates in ms (unparseable ones ignored), or the name of the first one out of range. */
function readDates(call: Json): CallDates | "timestamp" | "originalTimestamp" | "sentAt" {
  const timestamp = parseMs(call.timestamp);
  if (timestamp !== undefined && !isInRange(timestamp)) return "timestamp";
  const original = parseMs(call.originalTimestamp);
  if (original !== undefined && !isInRange(original)) return "originalTimestamp";
  const sentAt = parseMs(call.sentAt);
  if (sentAt !== undefined && !isInRange(sentAt)) return "sentAt";
  return { timestamp, original, sentAt };
}

function enrich(call: Json, type: CallType, ctx: CallContext, dates: CallDates): Json {
  if ("writeKey" in call) delete call.writeKey; // the write key is never forwarded
  call.type = type;
  call.messageId = idOf(call.messageId) ?? `sluice-${crypto.randomUUID()}`;

  const batch = ctx.batch;
  if (batch) {
    if (isObject(batch.context)) call.context = { ...batch.context, ...(isObject(call.context) ? call.context : {}) };
    if (isObject(batch.integrations)) {
      call.integrations = { ...batch.integrations, ...(isObject(call.integrations) ? call.integrations : {}) };
    }
  }
  if (ctx.isBrowser && ctx.ip) {
    const context = isObject(call.context) ? call.context : {};
    if (context.ip === undefined) call.context = { ...context, ip: ctx.ip };
  }

  // Clock-skew correction: timestamp = receivedAt - (sentAt - originalTimestamp), when sentAt is known.
  const received = ctx.receivedAt.getTime();
  const given = dates.timestamp;
  const original = dates.original ?? given;
  // An unusable batch sentAt (out of range) is ignored, like an unparseable one: it is not the item's fault.
  let sentAt = dates.sentAt;
  if (sentAt === undefined && batch) {
    const batchSentAt = parseMs(batch.sentAt);
    if (isInRange(batchSentAt)) sentAt = batchSentAt;
  }
  let timestamp = given ?? original ?? received;
  if (original !== undefined && sentAt !== undefined) timestamp = correctSkew(received, sentAt, original);
  if (original !== undefined) call.originalTimestamp = isoOf(original);
  if (sentAt !== undefined) call.sentAt = isoOf(sentAt);
  call.timestamp = isoOf(timestamp);
  call.receivedAt = isoOf(received);
  return call;
}

function reject(raw: unknown, type: string, error: string, code: ReasonCode, ctx: CallContext): PreparedCall {
  const obj = isObject(raw) ? raw : undefined;
  // The same text as JSON.stringify's, without its recursion when the body is deep.
  const text = ctx.checkDepth ? jsonPreview(raw, LIMITS.rejectedPayloadBytes) : (JSON.stringify(raw) ?? String(raw));
  return {
    ok: false,
    error,
    code,
    row: rejectedRow(ctx, type, error, code, text, {
      userId: idOf(obj?.userId),
      anonymousId: idOf(obj?.anonymousId),
      name: obj && isCallType(type) ? nameOf(obj, type) : null,
    }),
  };
}

/** A rejected call as stored: its own messageId (so a corrected retry is not mistaken for a duplicate). */
export function rejectedRow(
  ctx: Pick<CallContext, "source" | "receivedAt">,
  type: string,
  reason: string,
  reasonCode: ReasonCode,
  rawText: string,
  known: { userId?: string | null; anonymousId?: string | null; name?: string | null } = {},
): EventRow {
  return {
    workspaceId: ctx.source.workspaceId,
    sourceId: ctx.source.id,
    messageId: `rejected-${crypto.randomUUID()}`,
    type,
    name: known.name ?? null,
    userId: known.userId ?? null,
    anonymousId: known.anonymousId ?? null,
    payload: rawText.length > LIMITS.rejectedPayloadBytes ? rawText.slice(0, LIMITS.rejectedPayloadBytes) : rawText,
    receivedAt: ctx.receivedAt,
    status: "rejected",
    reason,
    reasonCode,
  };
}

function nameOf(call: Json, type: CallType): string | null {
  const name = type === "track" ? call.event : type === "page" || type === "screen" ? call.name : undefined;
  return typeof name === "string" && name !== "" ? name : null;
}

/** Identifiers may arrive as strings or numbers; empty means absent. */
export function idOf(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isCallType(value: unknown): value is CallType {
  return typeof value === "string" && (CALL_TYPES as readonly string[]).includes(value);
}
