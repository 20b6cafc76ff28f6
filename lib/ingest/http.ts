import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { iterateStream } from "./body";
import { processIngest } from "./handler";
import { answer, corsHeaders, preflight } from "./respond";
import type { IngestKind, IngestRequest, IngestResponse } from "./types";

// Two doors to one implementation: handleIngest (Web Request → Response) for the Next.js route handlers,
// and handleNodeIngest (node:http req/res) for server.js's fast path, which skips Next's per-request cost.

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

/** Serves an ingest call on node:http; returns false (and does nothing) when the path is not an ingest path. */
export function handleNodeIngest(req: IncomingMessage, res: ServerResponse): boolean {
  const kind = ingestKindForPath(req.url ?? "");
  if (!kind) {
    if (!hasDecodablePath(req.url ?? "")) {
      // Next.js answers 500 when a dynamic segment (a write key) is not valid percent-encoded UTF-8.
      const out = answer(400, corsHeaders({ header: () => undefined }), ["The URL is not valid percent-encoded UTF-8"]);
      res.writeHead(out.status, out.headers).end(out.body);
      return true;
    }
    return false;
  }
  const request: IngestRequest = {
    method: req.method ?? "GET",
    header: (name) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(", ") : v;
    },
    // destroyOnReturn: false — stopping at a limit must not destroy the socket before the 400 is written.
    body: req.iterator({ destroyOnReturn: false }),
    remoteAddress: req.socket.remoteAddress,
  };
  void processSafely(request, kind).then((out) => {
    const body = out.body === null ? undefined : Buffer.from(out.body);
    res.writeHead(out.status, body ? { ...out.headers, "Content-Length": String(body.length) } : out.headers);
    res.end(body);
  });
  return true;
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
