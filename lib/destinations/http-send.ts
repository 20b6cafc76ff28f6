import http from "node:http";
import https from "node:https";
import { core } from "./core";
import { CrossHostRedirectError, DEFAULT_TIMEOUT_MS, MAX_REDIRECTS, outboundContext, pooledAgent } from "./http";
import type { ExchangeRecord } from "./http-exchange";

// The plain-HTTP request client: for a definition whose requests are only a method, headers and a JSON or text
// body (the Webhook), one node:http request on the shared keep-alive pools, without actions-core's request client
// and node-fetch (their option merging, Request objects, body streams and response clone were most of a
// delivery's CPU). It keeps the outbound layer's guarantees (http.ts): the guarded pools (private-address guard
// at connect time), the perform's timeout over the whole exchange, redirects only on the same host and at most
// MAX_REDIRECTS, the exchange recorded into the perform's context; and it answers as actions-core's client does
// (a fetch Response with `content` and `data`, HTTPError for a non-2xx status, TypeError for a bad header or URL,
// network failures as node-fetch's FetchError), so the definitions and the error classification see no difference.

export type PlainRequestOptions = {
  method?: string;
  headers?: Record<string, unknown>;
  json?: unknown;
  body?: string;
};

const PLAIN_KEYS = new Set(["method", "headers", "json", "body"]);
const BASE_HEADERS: Record<string, string> = { "user-agent": "Segment (Actions)", accept: "*/*" };
/** Kept of a response body (the record keeps 8 KB, an error 300 characters); the rest is read and dropped. */
const RESPONSE_KEEP_BYTES = 256 * 1024;

/** Whether actions-core request options are ones this client handles (else the caller uses actions-core's). */
export function isPlainRequest(options: unknown): options is PlainRequestOptions {
  if (options === undefined) return true;
  if (typeof options !== "object" || options === null) return false;
  for (const [key, value] of Object.entries(options)) {
    if (!PLAIN_KEYS.has(key)) return false;
    if (key === "body" && value !== undefined && typeof value !== "string") return false;
    if (key === "headers" && value !== undefined && (typeof value !== "object" || value === null)) return false;
    if (key === "headers" && value && typeof (value as { forEach?: unknown }).forEach === "function") return false;
  }
  return true;
}

/** node-fetch's shape for a failure below HTTP (classified by perform-errors.ts: `system` is retryable). */
class FetchError extends Error {
  readonly name = "FetchError";
  constructor(
    message: string,
    readonly type: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

class TimeoutError extends Error {
  readonly name = "TimeoutError";
  readonly code = "ETIMEDOUT";
}

class AbortError extends Error {
  readonly name = "AbortError";
}

type Exchange = { status: number; statusText: string; headers: Record<string, string>; body: string };

function mergeHeaders(into: Record<string, string>, source: Record<string, unknown> | undefined) {
  if (!source) return;
  for (const [name, value] of Object.entries(source)) {
    const key = name.toLowerCase();
    // actions-core's merge: the text "undefined" removes a header set before.
    if (value === undefined || value === "undefined") delete into[key];
    else into[key] = String(value);
  }
}

/**
 * Sends one request (and its same-host redirects) and resolves with a fetch Response carrying `content` and
 * `data`; throws synchronously (TypeError) for what node-fetch refuses up front: a URL that is not absolute
 * http(s), an invalid header, a body on GET/HEAD.
 */
export function plainRequest(
  url: string,
  options: PlainRequestOptions = {},
  extra: { headers?: Record<string, unknown>; signal?: AbortSignal; fetchResponse?: boolean } = {},
): Promise<PlainResponse> {
  const method = (options.method ?? "GET").toUpperCase();
  const headers: Record<string, string> = { ...BASE_HEADERS };
  mergeHeaders(headers, extra.headers);
  mergeHeaders(headers, options.headers);
  let body: string | null = options.body ?? null;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] = "application/json";
  }
  if (body !== null && (method === "GET" || method === "HEAD")) {
    throw new TypeError("Request with GET/HEAD method cannot have body");
  }
  for (const [name, value] of Object.entries(headers)) {
    http.validateHeaderName(name);
    http.validateHeaderValue(name, value);
  }
  const first = parseUrl(url);
  const context = outboundContext();
  const record: ExchangeRecord = {
    method,
    url: first.href,
    headers, // not changed after this: each hop sends a copy
    body,
    startedAt: Date.now(),
    response: null,
  };
  context?.records?.push(record);
  const timeoutMs = context?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return exchange(first, method, headers, body, timeoutMs, extra.signal).then((answer) => {
    record.response = { status: answer.status, headers: answer.headers, body: answer.body };
    record.endedAt = Date.now();
    const response = toResponse(answer, extra.fetchResponse ?? false);
    if (!response.ok) {
      throw new core.HTTPError(response as never, { url: first.href, method } as never, { method } as never);
    }
    return response;
  });
}

/** What a request resolves with: what actions-core's prepareResponse leaves on a fetch Response. */
export type PlainResponse = {
  status: number;
  statusText: string;
  ok: boolean;
  headers: { get(name: string): string | null };
  content: string;
  data: unknown;
};

/** A fetch Response (a performBatch's answer: actions-core reads its status only from one) or a plain object. */
function toResponse(answer: Exchange, fetchResponse: boolean): PlainResponse {
  let data: unknown = answer.body;
  if (answer.headers["content-type"]?.includes("application/json")) {
    try {
      data = JSON.parse(answer.body);
    } catch {
      // not JSON after all: data stays the text, as actions-core leaves it
    }
  }
  const ok = answer.status >= 200 && answer.status <= 299;
  if (fetchResponse) {
    const response = new core.Response(null, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    }) as unknown as PlainResponse;
    return Object.assign(response, { content: answer.body, data });
  }
  const headers = answer.headers;
  return {
    status: answer.status,
    statusText: answer.statusText,
    ok,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    content: answer.body,
    data,
  };
}

const parsedUrls = new Map<string, URL>();

function parseUrl(url: string): URL {
  const cached = parsedUrls.get(url);
  if (cached) return cached;
  const parsed = parseNewUrl(url);
  if (parsedUrls.size >= 1000) parsedUrls.clear();
  parsedUrls.set(url, parsed);
  return parsed;
}

function parseNewUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Only absolute URLs are supported: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`Only HTTP(S) protocols are supported: ${url}`);
  }
  return parsed;
}

/** The request and up to MAX_REDIRECTS same-host redirects, under one timeout and the perform's signal. */
function exchange(
  first: URL,
  firstMethod: string,
  headers: Record<string, string>,
  firstBody: string | null,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    let current: http.ClientRequest | null = null;
    let settled = false;
    const finish = (err: Error | null, answer?: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (err) {
        current?.destroy();
        reject(err);
      } else resolve(answer!);
    };
    const timer = setTimeout(() => finish(new TimeoutError(`Request timed out after ${timeoutMs}ms`)), timeoutMs);
    const onAbort = () => finish(new AbortError("The operation was aborted."));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });

    const send = (url: URL, method: string, body: string | null, redirects: number) => {
      const sentHeaders = { ...headers };
      if (body !== null) sentHeaders["content-length"] = String(Buffer.byteLength(body));
      else if (method === "POST" || method === "PUT" || method === "PATCH") sentHeaders["content-length"] = "0";
      if (body === null) delete sentHeaders["content-type"];
      const transport = url.protocol === "https:" ? https : http;
      const req = transport.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        auth:
          url.username || url.password
            ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
            : undefined,
        method,
        headers: sentHeaders,
        agent: pooledAgent(url.protocol),
      });
      current = req;
      req.on("error", (err: NodeJS.ErrnoException) =>
        finish(new FetchError(`request to ${url.href} failed, reason: ${err.message}`, "system", err.code)),
      );
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (isRedirect(status) && location) {
          res.resume();
          if (redirects >= MAX_REDIRECTS) {
            return finish(new FetchError(`maximum redirect reached at: ${url.href}`, "max-redirect"));
          }
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            return finish(
              new FetchError(`uri requested responds with an invalid redirect URL: ${location}`, "invalid-redirect"),
            );
          }
          if (next.hostname !== first.hostname) return finish(new CrossHostRedirectError(first, next));
          // As node-fetch: 303, and 301/302 after a POST, go on as a GET without the body.
          const toGet = status === 303 || ((status === 301 || status === 302) && method === "POST");
          return send(next, toGet ? "GET" : method, toGet ? null : body, redirects + 1);
        }
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept >= RESPONSE_KEEP_BYTES) return;
          chunks.push(chunk);
          kept += chunk.length;
        });
        res.on("error", (err: NodeJS.ErrnoException) =>
          finish(
            new FetchError(
              `Invalid response body while trying to fetch ${url.href}: ${err.message}`,
              "system",
              err.code,
            ),
          ),
        );
        res.on("end", () => {
          const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
          finish(null, { status, statusText: res.statusMessage ?? "", headers: flatHeaders(res.headers), body: text });
        });
      });
      req.end(body ?? undefined);
    };
    try {
      send(first, firstMethod, firstBody, 0);
    } catch (err) {
      finish(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
