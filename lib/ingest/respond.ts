import type { IngestRequest, IngestResponse } from "./types";

// Segment's response contract: 200 {"success":true}; errors as {"meta":{"errors":[...]}} (Customer.io's
// strict-mode shape), CORS on every answer so browsers can read it.

const OK = JSON.stringify({ success: true });

export function corsHeaders(req: Pick<IngestRequest, "header">): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": req.header("origin") || "*",
    Vary: "Origin",
    "Access-Control-Expose-Headers": "Retry-After",
  };
}

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

export function success(cors: Record<string, string>): IngestResponse {
  return { status: 200, headers: json(cors), body: OK };
}

export function answer(
  status: number,
  cors: Record<string, string>,
  errors: string[],
  extra: Record<string, string> = {},
): IngestResponse {
  return { status, headers: { ...json(cors), ...extra }, body: JSON.stringify({ meta: { errors } }) };
}
