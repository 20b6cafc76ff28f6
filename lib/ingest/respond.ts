import type { IngestRequest, IngestResponse } from "./types";

// Segment's response contract: 200 {"success":true}; errors as {"meta":{"errors":[...]}} (Customer.io's
// strict-mode shape), CORS on every answer so browsers can read it. The answers that every call of a busy
// server SDK gets (200 and 429 without an Origin) are built once: a response costs no object building.

const OK = JSON.stringify({ success: true });
const LIMITED = JSON.stringify({ meta: { errors: ["Rate limit exceeded for this source; retry later"] } });

export function corsHeaders(req: Pick<IngestRequest, "header">): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": req.header("origin") || "*",
    Vary: "Origin",
    "Access-Control-Expose-Headers": "Retry-After",
  };
}

const ANY_ORIGIN = corsHeaders({ header: () => undefined });
const OK_ANY_ORIGIN: IngestResponse = Object.freeze({
  status: 200,
  headers: Object.freeze(json(ANY_ORIGIN)),
  body: OK,
}) as IngestResponse;

export function preflight(req: Pick<IngestRequest, "header">): IngestResponse {
  const headers = {
    ...corsHeaders(req),
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization, X-Retry-Count, X-Strict-Mode",
    "Access-Control-Max-Age": "86400",
  };
  return { status: 204, headers, body: null };
}

function json(headers: Record<string, string>): Record<string, string> {
  return { ...headers, "Content-Type": "application/json" };
}

/** 200 {"success":true}: one shared answer for every call without an Origin header. */
export function success(req: Pick<IngestRequest, "header">): IngestResponse {
  if (!req.header("origin")) return OK_ANY_ORIGIN;
  return { status: 200, headers: json(corsHeaders(req)), body: OK };
}

/** 429 with Retry-After (seconds until the source's window ends). */
export function limited(req: Pick<IngestRequest, "header">, retryAfter: number): IngestResponse {
  const headers = { ...json(corsHeaders(req)), "Retry-After": String(retryAfter) };
  return { status: 429, headers, body: LIMITED };
}

export function answer(
  status: number,
  cors: Record<string, string>,
  errors: string[],
  extra: Record<string, string> = {},
): IngestResponse {
  return { status, headers: { ...json(cors), ...extra }, body: JSON.stringify({ meta: { errors } }) };
}

/** The flat header list node:http's writeHead takes, with Content-Length; remembered for the shared answers. */
const flatCache = new WeakMap<object, string[]>();
export function flatHeaders(out: IngestResponse, bodyLength: number | undefined): string[] {
  const cached = flatCache.get(out);
  if (cached) return cached;
  const flat: string[] = [];
  for (const name in out.headers) flat.push(name, out.headers[name]!);
  if (bodyLength !== undefined) flat.push("Content-Length", String(bodyLength));
  if (Object.isFrozen(out)) flatCache.set(out, flat);
  return flat;
}
