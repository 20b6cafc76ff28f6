import "server-only";
import { appendEvents, type EventRow, type StoredEvent } from "@/lib/eventlog";
import { isObject, prepareCall, rejectedRow, type CallContext, type CallType, type PreparedCall } from "./calls";
import { newDate, nowMs } from "./clock";
import { LIMITS } from "./config";
import type { ReasonCode } from "./reason-codes";
import { markFirstEvent } from "./write-keys";

// The one ingest entry for every kind of source: the HTTP API (handler.ts), the source page's test event,
// and later incoming webhooks, Reverse ETL and the Track API hand their calls here. Validates and enriches
// each call, appends all of them (accepted and rejected) to the event log in one group commit, and resolves
// only after that commit. Rejects (throws) when the event log could not store them: then nothing was stored.

export interface IngestSource {
  id: string;
  workspaceId: string;
  /** Source.firstEventAt is set (the cached source's flag: set on the first accepted call). */
  hasFirstEvent: boolean;
}

export interface IngestOptions {
  /** Single calls: the type every call has (the path's). Undefined: batch items, each naming its own type. */
  type?: CallType;
  /** When the calls arrived (default: now). */
  receivedAt?: Date;
  /** The caller's address, added as context.ip to browser calls. */
  ip?: string;
  /** The calls came from a browser (context.ip is filled in). */
  isBrowser?: boolean;
  /** Batch-level sentAt, context and integrations that apply to every item. */
  batch?: CallContext["batch"];
  /** Some call may be nested deeper than the limit: measure each one (default true; the HTTP API measured). */
  checkDepth?: boolean;
  /** The size of the body the calls came in; items are measured against the 32 KB item limit only past it. */
  bodyBytes?: number;
  /** Group calls and "Object Deleted" / "Relationship Deleted" tracks may name no person: the Track API's object
   *  operations. Default false: the HTTP API keeps Segment's rule that every call names a userId or anonymousId. */
  canOmitPersonForObjects?: boolean;
}

export interface RejectedCall {
  index: number;
  reason: string;
  reasonCode: ReasonCode;
}

export interface IngestResult {
  /** Calls accepted and stored now (duplicates of stored calls are accepted but not stored again). */
  stored: StoredEvent[];
  rejected: RejectedCall[];
  /** The rejections as the HTTP API words them: `batch[i]: …` for batch items. */
  errors: string[];
  /** Some call was over a size limit: the HTTP API answers 400 even in permissive mode. */
  isOverLimit: boolean;
}

/** Validates, enriches and stores `calls` of `source`: accepted and rejected alike, in one commit. */
export function ingestCalls(
  source: IngestSource,
  calls: unknown[],
  options: IngestOptions = {},
): Promise<IngestResult> {
  // Not async itself: the calls (parsed objects) are not held while the rows wait for their commit.
  let prepared;
  try {
    prepared = prepareCalls(source, calls, options);
  } catch (err) {
    return Promise.reject(err);
  }
  return store(source, prepared);
}

interface Prepared {
  rows: EventRow[];
  receivedAt: Date;
  rejected: RejectedCall[];
  errors: string[];
  isOverLimit: boolean;
}

function prepareCalls(source: IngestSource, calls: unknown[], options: IngestOptions): Prepared {
  const receivedAt = options.receivedAt ?? newDate(nowMs());
  const ctx: CallContext = {
    source,
    receivedAt,
    ip: options.ip,
    isBrowser: options.isBrowser ?? false,
    batch: options.batch,
    checkDepth: options.checkDepth ?? true,
    canOmitPersonForObjects: options.canOmitPersonForObjects,
  };
  const isBatch = options.type === undefined;
  const rows: EventRow[] = [];
  const rejected: RejectedCall[] = [];
  const errors: string[] = [];
  let isOverLimit = false;
  // No item can exceed 32 KB if the whole body does not; in larger batches, the prepared payload (already
  // serialized, as stored) rules out all but the items near the limit, and only those are measured exactly.
  const measure = isBatch && (options.bodyBytes ?? Infinity) > LIMITS.batchItemBytes;
  for (let i = 0; i < calls.length; i++) {
    const item = calls[i];
    const call = prepareSafely(item, options.type, ctx);
    if (
      measure &&
      call.row.payload.length > LIMITS.batchItemBytes / 3 &&
      Buffer.byteLength(call.row.payload) > LIMITS.batchItemBytes
    ) {
      const reason = `batch[${i}]: the call exceeds the 32 KB per batch item limit`;
      const claimed = isObject(item) && typeof item.type === "string" ? item.type.slice(0, 40) : "unknown";
      rows.push(rejectedRow(ctx, claimed, reason, "too_large", call.row.payload));
      rejected.push({ index: i, reason, reasonCode: "too_large" });
      errors.push(reason);
      isOverLimit = true;
      continue;
    }
    rows.push(call.row);
    if (!call.ok) {
      rejected.push({ index: i, reason: call.error, reasonCode: call.code });
      errors.push(isBatch ? `batch[${i}]: ${call.error}` : call.error);
    }
  }
  return { rows, receivedAt, rejected, errors, isOverLimit };
}

async function store(source: IngestSource, prepared: Prepared): Promise<IngestResult> {
  const { rejected, errors, isOverLimit } = prepared;
  const stored = await appendEvents(prepared.rows);
  if (!source.hasFirstEvent && stored.some((e) => e.status === "accepted")) {
    await markFirstEvent(source, prepared.receivedAt);
  }
  return { stored, rejected, errors, isOverLimit };
}

/**
 * prepareCall, with a last line of defence: a call that makes it throw anyway is the client's malformed input,
 * so it becomes a rejected row (its batch neighbours are still stored), never a 500 that the SDK retries forever.
 */
function prepareSafely(raw: unknown, type: CallType | undefined, ctx: CallContext): PreparedCall {
  try {
    return prepareCall(raw, type, ctx);
  } catch (err) {
    console.error("[sluice] ingest: a call could not be prepared:", err);
    const error = "The call could not be processed: check its fields' types and values";
    const claimed = type ?? (isObject(raw) && typeof raw.type === "string" ? raw.type.slice(0, 40) : "unknown");
    return { ok: false, error, code: "unprocessable", row: rejectedRow(ctx, claimed, error, "unprocessable", "") };
  }
}

/** Stores one rejected request (bad body, bad batch) of a known source for the debugger; never throws. */
export async function recordRejectedRequest(
  source: IngestSource,
  receivedAt: Date,
  type: string,
  reason: string,
  reasonCode: ReasonCode,
  text: string,
): Promise<void> {
  const row = rejectedRow({ source, receivedAt }, type, reason, reasonCode, text);
  await appendEvents([row]).catch((err) => console.error("[sluice] ingest: could not record a rejected call:", err));
}
