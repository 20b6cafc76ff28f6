import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { iterateStream, tooLarge } from "./body";
import { processIngest } from "./handler";
import { checkRateLimit } from "./rate-limit";
import { basicAuthKeyCached } from "./request";
import { answer, corsHeaders, flatHeaders, limited, preflight } from "./respond";
import { cachedSourceByWriteKey } from "./write-keys";
import type { CachedSource } from "./state";
import type { IngestKind, IngestRequest, IngestResponse } from "./types";

// Two doors to one implementation: handleIngest (Web Request → Response) for the Next.js route handlers,
// and handleNodeIngest (node:http req/res) for server.js's fast path, which skips Next's per-request cost:
// there a call over its source's rate limit is answered 429 synchronously, before anything else happens.

export async function handleIngest(req: Request, kind: IngestKind): Promise<Response> {
  const res = await processSafely(
    { method: req.method, header: (name) => req.headers.get(name) ?? undefined, body: iterateStream(req.body) },
    kind,
  );
  return new Response(res.body, { status: res.status, headers: res.headers });
}

export function handlePreflight(req: Request): Response {
  const res = preflight({ header: (name) => req.headers.get(name) ?? undefined });
  return new Response(null, { status: res.status, headers: res.headers });
}

const PATHS: Record<string, IngestKind> = {
  identify: "identify",
  i: "identify",
  track: "track",
  t: "track",
  page: "page",
  p: "page",
  screen: "screen",
  s: "screen",
  group: "group",
  g: "group",
  alias: "alias",
  a: "alias",
  batch: "batch",
  b: "batch",
  m: "metrics",
};

/** The ingest kind of a URL path such as `/v1/t` or `/v1/batch?x=1`; undefined for every other path. */
export function ingestKindForPath(url: string): IngestKind | undefined {
  const m = /^\/v1\/([a-z]+)\/?(?:[?#]|$)/.exec(url);
  return m ? PATHS[m[1]] : undefined;
}

/** What server.js lends the fast path: its security headers (flat name, value list) and the client address. */
export interface ServerHooks {
  securityHeaders(req: IncomingMessage): readonly string[];
  clientAddress(req: IncomingMessage): string | undefined;
}

/** Serves an ingest call on node:http; returns false (and does nothing) when the path is not an ingest path. */
export function handleNodeIngest(req: IncomingMessage, res: ServerResponse, hooks?: ServerHooks): boolean {
  const kind = ingestKindForPath(req.url ?? "");
  if (!kind) {
    if (!hasDecodablePath(req.url ?? "")) {
      // Next.js answers 500 when a dynamic segment (a write key) is not valid percent-encoded UTF-8.
      const out = answer(400, corsHeaders({ header: () => undefined }), ["The URL is not valid percent-encoded UTF-8"]);
      send(res, out, hooks?.securityHeaders(req));
      return true;
    }
    return false;
  }
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(", ") : v;
  };
  let authorized: CachedSource | undefined;
  if (req.method === "POST" && kind !== "metrics") {
    // The common case decided without a promise: a cached, enabled source; over its limit, the 429 is all.
    const key = basicAuthKeyCached(req.headers.authorization);
    const source = key === undefined ? undefined : cachedSourceByWriteKey(key);
    if (source && source.enabled) {
      const retryAfter = checkRateLimit(source);
      if (retryAfter) {
        send(res, limited({ header }, retryAfter), hooks?.securityHeaders(req));
        return true;
      }
      authorized = source;
    }
  }
  const request: IngestRequest = {
    method: req.method ?? "GET",
    header,
    // destroyOnReturn: false — stopping at a limit must not destroy the socket before the 400 is written.
    get body() {
      return req.iterator({ destroyOnReturn: false });
    },
    remoteAddress: req.socket.remoteAddress,
    readBody: (limit, limitName) => readNodeBody(req, limit, limitName),
    clientAddress: hooks ? () => hooks.clientAddress(req) : undefined,
    authorized,
  };
  void processSafely(request, kind).then((out) => send(res, out, hooks?.securityHeaders(req)));
  return true;
}

function send(res: ServerResponse, out: IngestResponse, security: readonly string[] | undefined) {
  const body = out.body === null ? undefined : out.body;
  const length = body === undefined ? undefined : Buffer.byteLength(body);
  const headers = flatHeaders(out, length);
  res.writeHead(out.status, security?.length ? [...security, ...headers] : headers);
  res.end(body);
}

/** The whole body of an unencoded request, up to `limit` bytes: plain 'data' events, no async iteration. */
function readNodeBody(req: IncomingMessage, limit: number, limitName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause(); // read no further: the 400 closes the connection
        reject(tooLarge(limitName));
        return;
      }
      parts.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      reject(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

function hasDecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split(/[?#]/)[0]!);
    return true;
  } catch {
    return false;
  }
}

async function processSafely(req: IngestRequest, kind: IngestKind): Promise<IngestResponse> {
  try {
    return await processIngest(req, kind);
  } catch (err) {
    // Nothing was appended (appendEvents failures are answered inside): the client may retry.
    console.error("[sluice] ingest failed:", err);
    return answer(500, corsHeaders(req), ["Internal error; retry"]);
  }
}
