import "server-only";
import { appendEvents, type EventRow } from "@/lib/eventlog";
import { IngestError, readBody } from "./body";
import { MAX_CALL_DEPTH, valueDepth } from "@/lib/eventlog/json-depth";
import { isObject, prepareCall, rejectedRow, type CallContext, type CallType, type PreparedCall } from "./calls";
import { LIMITS } from "./config";
import { checkRateLimit } from "./rate-limit";
import { findSourceByWriteKey, markFirstEvent } from "./sources";
import { answer, corsHeaders, preflight, success } from "./respond";
import { basicAuthKey, bodyWriteKey, clientIp, isBrowserLibrary } from "./request";
import type { CachedSource } from "./state";
import type { IngestKind, IngestRequest, IngestResponse } from "./types";

export type { IngestKind, IngestRequest, IngestResponse } from "./types";

// The ingest pipeline for one request, independent of the HTTP stack: authenticate by write key, read the
// body within its limit, validate and enrich each call, append everything (accepted and rejected) to the
// event log, and answer with Segment's contract. A 200 is sent only after the commit; a 5xx means that
// nothing of this request was stored.

export async function processIngest(req: IngestRequest, kind: IngestKind): Promise<IngestResponse> {
  const cors = corsHeaders(req);
  if (req.method === "OPTIONS") return preflight(req);
  if (req.method !== "POST") return answer(405, cors, ["Use POST"], { Allow: "POST, OPTIONS" });
  if (kind === "metrics") return success(cors); // browser telemetry: dropped
  const receivedAt = new Date();
  const strict = req.header("x-strict-mode") === "1";

  let source: CachedSource | undefined;
  const headerKey = basicAuthKey(req.header("authorization"));
  if (headerKey !== undefined) {
    const refused = await authorize(headerKey, cors);
    // Refused before reading the body: close the connection rather than read (and discard) all of it.
    if ("status" in refused) return { ...refused, headers: { ...refused.headers, Connection: "close" } };
    source = refused.source;
  }

  const isBatch = kind === "batch";
  let body: unknown;
  let text = "";
  let bodyBytes = 0;
  let depth = 0;
  try {
    const limitName = isBatch ? "500 KB batch" : "32 KB per call";
    const buf = await readBody(
      req.body,
      req.header("content-encoding"),
      isBatch ? LIMITS.batchBytes : LIMITS.callBytes,
      limitName,
    );
    bodyBytes = buf.length;
    text = buf.toString("utf8");
    body = JSON.parse(text);
    // What recurses comes later (JSON.stringify, mapping): the depth is measured here, once, iteratively.
    depth = valueDepth(body, MAX_CALL_DEPTH);
  } catch (err) {
    // The client hung up mid-body: nobody reads the answer, and it is not worth a log line or a record.
    if (isAborted(err)) return answer(400, cors, ["The request body ended early"], { Connection: "close" });
    // Anything but a limit, a bad encoding or bad JSON is not the client's call to record: let it become a 500.
    // (A RangeError would be a JSON.parse that recursed, which V8's does not: json-depth.ts.)
    const isTooDeep = err instanceof RangeError;
    if (!(err instanceof IngestError) && !(err instanceof SyntaxError) && !isTooDeep) throw err;
    const message =
      err instanceof IngestError
        ? err.message
        : isTooDeep
          ? "The body is nested too deep"
          : "The body is not valid JSON";
    if (source) await recordRejected([rejectedRow({ source, receivedAt }, kind, message, text)]);
    return answer(400, cors, [message], { Connection: "close" });
  }
  if (!isObject(body)) {
    if (source)
      await recordRejected([rejectedRow({ source, receivedAt }, kind, "The body must be a JSON object", text)]);
    return answer(400, cors, ["The body must be a JSON object"]);
  }

  if (!source) {
    const key = bodyWriteKey(body);
    if (key === undefined) {
      return answer(401, cors, ['Missing write key: send it as HTTP Basic user name or as "writeKey" in the body']);
    }
    const refused = await authorize(key, cors);
    if ("status" in refused) return refused;
    source = refused.source;
  }

  const ctx: CallContext = {
    source,
    receivedAt,
    ip: clientIp(req),
    isBrowser: req.header("origin") !== undefined || isBrowserLibrary(body),
    batch: isBatch ? { sentAt: body.sentAt, context: body.context, integrations: body.integrations } : undefined,
    // Only then is each call measured (an item is 2 levels below the body; merged batch context is as deep).
    checkDepth: depth > MAX_CALL_DEPTH,
  };
  const rows: EventRow[] = [];
  const errors: string[] = [];
  let limitError = false;
  if (isBatch) {
    const items = body.batch;
    const problem = !Array.isArray(items)
      ? '"batch" must be an array of calls'
      : items.length > LIMITS.batchItems
        ? `The batch has ${items.length} items: the limit is ${LIMITS.batchItems} items per batch`
        : undefined;
    if (problem) {
      await recordRejected([rejectedRow(ctx, "batch", problem, text)]);
      return answer(400, cors, [problem]);
    }
    // No item can exceed 32 KB if the whole body does not; in larger batches, the prepared payload (already
    // serialized) rules out all but the items near the limit, and only those are measured exactly.
    const measure = bodyBytes > LIMITS.batchItemBytes;
    (items as unknown[]).forEach((item, i) => {
      const call = prepareSafely(item, undefined, ctx);
      const itemText =
        measure && call.row.payload.length > LIMITS.batchItemBytes / 3 ? JSON.stringify(item) : undefined;
      if (itemText && Buffer.byteLength(itemText) > LIMITS.batchItemBytes) {
        const message = `batch[${i}]: the call exceeds the 32 KB per batch item limit`;
        rows.push(
          rejectedRow(
            ctx,
            isObject(item) && typeof item.type === "string" ? item.type.slice(0, 40) : "unknown",
            message,
            itemText,
          ),
        );
        errors.push(message);
        limitError = true;
        return;
      }
      rows.push(call.row);
      if (!call.ok) errors.push(`batch[${i}]: ${call.error}`);
    });
  } else {
    const call = prepareSafely(body, kind, ctx);
    rows.push(call.row);
    if (!call.ok) errors.push(call.error);
  }

  let stored;
  try {
    stored = await appendEvents(rows);
  } catch (err) {
    console.error("[sluice] ingest: event log append failed:", err);
    return answer(503, cors, ["Events could not be stored; retry"], { "Retry-After": "1" });
  }
  if (!source.hasFirstEvent && stored.some((e) => e.status === "accepted")) await markFirstEvent(source, receivedAt);
  if (errors.length && (strict || limitError)) return answer(400, cors, errors);
  return success(cors);
}

function isAborted(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || (err as Error)?.message === "aborted";
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
    return { ok: false, error, row: rejectedRow(ctx, claimed, error, "") };
  }
}

async function authorize(
  writeKey: string,
  cors: Record<string, string>,
): Promise<IngestResponse | { source: CachedSource }> {
  const source = await findSourceByWriteKey(writeKey);
  if (!source) return answer(401, cors, ["Unknown write key"]);
  if (!source.enabled) return answer(403, cors, ["This source is disabled: enable it in Sluice to accept its events"]);
  const rate = checkRateLimit(source.id);
  if (!rate.ok) {
    return answer(429, cors, ["Rate limit exceeded for this source; retry later"], {
      "Retry-After": String(rate.retryAfter),
    });
  }
  return { source };
}

/** Rejections of a known source are kept for the debugger; failing to record them must not change the answer. */
async function recordRejected(rows: EventRow[]) {
  await appendEvents(rows).catch((err) => console.error("[sluice] ingest: could not record a rejected call:", err));
}
