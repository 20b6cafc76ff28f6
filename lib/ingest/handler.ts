import "server-only";
import { MAX_CALL_DEPTH, valueDepth } from "@/lib/eventlog/json-depth";
import { IngestError, readBody } from "./body";
import { isObject } from "./calls";
import { newDate, nowMs } from "./clock";
import { LIMITS } from "./config";
import { ingestCalls, recordRejectedRequest } from "./ingest-calls";
import { checkRateLimit } from "./rate-limit";
import "./rate-limit-shared";
import type { CallType } from "./calls";
import type { ReasonCode } from "./reason-codes";
import { findSourceByWriteKey } from "./write-keys";
import { answer, corsHeaders, limited, preflight, success } from "./respond";
import { basicAuthKeyCached, bodyWriteKey, clientIp, isBrowserLibrary } from "./request";
import type { CachedSource } from "./state";
import type { IngestKind, IngestRequest, IngestResponse } from "./types";

export type { IngestKind, IngestRequest, IngestResponse } from "./types";

// The HTTP API's ingest of one request, independent of the HTTP stack, in five steps: authenticate by write
// key, read the body within its limit, prepare the calls, store them (ingestCalls), respond with Segment's
// contract. A 200 is sent only after the commit; a 5xx means that nothing of this request was stored.

export async function processIngest(req: IngestRequest, kind: IngestKind): Promise<IngestResponse> {
  if (req.method === "OPTIONS") return preflight(req);
  const cors = corsHeaders(req);
  if (req.method !== "POST") return answer(405, cors, ["Use POST"], { Allow: "POST, OPTIONS" });
  if (kind === "metrics") return success(req); // browser telemetry: dropped
  const receivedAt = newDate(nowMs());

  // 1. Authenticate: the Basic header's key before the body is read (server.js's door may have done it).
  let source = req.authorized;
  if (!source) {
    const headerKey = basicAuthKeyCached(req.header("authorization"));
    if (headerKey !== undefined) {
      const auth = await authenticate(headerKey, req, true);
      if ("status" in auth) return auth;
      source = auth.source;
    }
  }

  // 2. Read the body.
  const isBatch = kind === "batch";
  const read = await readJson(req, isBatch);
  if ("error" in read) {
    if (source && read.record) {
      await recordRejectedRequest(source, receivedAt, kind, read.error, read.code, read.text);
    }
    return answer(400, cors, [read.error], read.close ? { Connection: "close" } : undefined);
  }
  const body = read.body;
  if (!source) {
    const key = bodyWriteKey(body);
    if (key === undefined) {
      return answer(401, cors, ['Missing write key: send it as HTTP Basic user name or as "writeKey" in the body']);
    }
    const auth = await authenticate(key, req, false);
    if ("status" in auth) return auth;
    source = auth.source;
  }

  return storeAndRespond(req, kind, source, receivedAt, read);
}

/**
 * Steps 3 to 5. Not async itself: once the calls are prepared, only the rows wait for the commit — the parsed
 * body and its text are garbage then, instead of surviving (and being promoted by) the collections meanwhile.
 */
function storeAndRespond(
  req: IngestRequest,
  kind: IngestKind,
  source: CachedSource,
  receivedAt: Date,
  read: Extract<ReadResult, { body: unknown }>,
): Promise<IngestResponse> | IngestResponse {
  const cors = corsHeaders(req);
  const body = read.body;
  // 3. The calls: the batch's items, or the body itself.
  const isBatch = kind === "batch";
  let calls: unknown[];
  if (isBatch) {
    const items = body.batch;
    const problem: [ReasonCode, string] | undefined = !Array.isArray(items)
      ? ["invalid_batch", '"batch" must be an array of calls']
      : items.length > LIMITS.batchItems
        ? ["too_large", `The batch has ${items.length} items: the limit is ${LIMITS.batchItems} items per batch`]
        : undefined;
    if (problem) {
      return recordRejectedRequest(source, receivedAt, "batch", problem[1], problem[0], read.text).then(() =>
        answer(400, cors, [problem[1]]),
      );
    }
    calls = items as unknown[];
  } else {
    calls = [body];
  }

  // 4. Store.
  const isBrowser = req.header("origin") !== undefined || isBrowserLibrary(body);
  const stored = ingestCalls(source, calls, {
    type: isBatch ? undefined : (kind as CallType),
    receivedAt,
    ip: isBrowser ? (req.clientAddress?.() ?? clientIp(req)) : undefined,
    isBrowser,
    batch: isBatch ? { sentAt: body.sentAt, context: body.context, integrations: body.integrations } : undefined,
    // Only then is each call measured (an item is 2 levels below the body; merged batch context is as deep).
    checkDepth: read.depth > MAX_CALL_DEPTH,
    bodyBytes: read.bytes,
  });

  // 5. Respond: permissive mode answers 200 for a stored rejection; strict mode (and any size limit) 400.
  const strict = req.header("x-strict-mode") === "1";
  return stored.then(
    (result) =>
      result.errors.length && (strict || result.isOverLimit) ? answer(400, cors, result.errors) : success(req),
    (err) => {
      console.error("[sluice] ingest: event log append failed:", err);
      return answer(503, cors, ["Events could not be stored; retry"], { "Retry-After": "1" });
    },
  );
}

type ReadResult =
  | { body: Record<string, unknown>; text: string; bytes: number; depth: number }
  | { error: string; code: ReasonCode; text: string; close: boolean; record: boolean };

async function readJson(req: IngestRequest, isBatch: boolean): Promise<ReadResult> {
  let text = "";
  try {
    const limit = isBatch ? LIMITS.batchBytes : LIMITS.callBytes;
    const limitName = isBatch ? "500 KB batch" : "32 KB per call";
    const encoding = req.header("content-encoding");
    const isPlain = encoding === undefined || encoding === "" || encoding.trim().toLowerCase() === "identity";
    const buf =
      isPlain && req.readBody
        ? await req.readBody(limit, limitName)
        : await readBody(req.body, encoding, limit, limitName);
    text = buf.toString("utf8");
    const body: unknown = JSON.parse(text);
    if (!isObject(body)) {
      return { error: "The body must be a JSON object", code: "invalid_type", text, close: false, record: true };
    }
    // What recurses comes later (JSON.stringify, mapping): the depth is measured here, once, iteratively.
    return { body, text, bytes: buf.length, depth: valueDepth(body, MAX_CALL_DEPTH) };
  } catch (err) {
    // The client hung up mid-body: nobody reads the answer, and it is not worth a log line or a record.
    if (isAborted(err))
      return { error: "The request body ended early", code: "invalid_json", text, close: true, record: false };
    // Anything but a limit, a bad encoding or bad JSON is not the client's call to record: let it become a 500.
    // (A RangeError would be a JSON.parse that recursed, which V8's does not: json-depth.ts.)
    const isTooDeep = err instanceof RangeError;
    if (!(err instanceof IngestError) && !(err instanceof SyntaxError) && !isTooDeep) throw err;
    const [code, error]: [ReasonCode, string] =
      err instanceof IngestError
        ? [err.code, err.message]
        : isTooDeep
          ? ["too_deep", "The body is nested too deep"]
          : ["invalid_json", "The body is not valid JSON"];
    return { error, code, text, close: true, record: true };
  }
}

function isAborted(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || (err as Error)?.message === "aborted";
}

/** The source of a write key, enabled and under its rate limit; else the answer (401, 403, 429). */
async function authenticate(
  writeKey: string,
  req: IngestRequest,
  isBodyUnread: boolean,
): Promise<IngestResponse | { source: CachedSource }> {
  const source = await findSourceByWriteKey(writeKey);
  // Refused before the body is read: close the connection rather than read (and discard) all of it.
  const close = isBodyUnread ? { Connection: "close" } : undefined;
  if (!source) return answer(401, corsHeaders(req), ["Unknown write key"], close);
  if (!source.enabled) {
    return answer(403, corsHeaders(req), ["This source is disabled: enable it in Sluice to accept its events"], close);
  }
  const retryAfter = checkRateLimit(source);
  // The connection stays usable: node:http discards the unread body once the answer is sent.
  if (retryAfter) return limited(req, retryAfter);
  return { source };
}
