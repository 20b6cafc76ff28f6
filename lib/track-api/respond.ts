import { PeopleError } from "@/lib/people";

// Customer.io's Track API answers: v1 errors as {"meta":{"error":"…"}}, v2 errors as
// {"errors":[{"reason","field","message"}]}, a v2 batch with failed items as 207 with each item's batch_index.

export type TrackApiVersion = "v1" | "v2";
export type ItemError = { batch_index?: number; reason: string; field: string; message: string };

export class TrackApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly reason = "invalid",
    public readonly field = "",
  ) {
    super(message);
    this.name = "TrackApiError";
  }
}

const REASONS: Record<PeopleError["code"], { status: number; reason: string }> = {
  invalid: { status: 400, reason: "invalid" },
  conflict: { status: 400, reason: "conflict" },
  not_found: { status: 404, reason: "not_found" },
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function ok(): Response {
  return json(200, {});
}

/** The item error for what one operation threw; anything but a refusal is re-thrown (→ 500). */
export function toItemError(err: unknown): ItemError & { status: number } {
  if (err instanceof PeopleError) {
    const { status, reason } = REASONS[err.code];
    return { status, reason, field: err.field ?? "", message: err.message };
  }
  if (err instanceof TrackApiError)
    return { status: err.status, reason: err.reason, field: err.field, message: err.message };
  throw err;
}

export function errorResponse(version: TrackApiVersion, err: unknown): Response {
  let item: ItemError & { status: number };
  try {
    item = toItemError(err);
  } catch {
    const requestId = crypto.randomUUID();
    console.error(`[track-api] request ${requestId} failed`, err);
    item = { status: 500, reason: "internal", field: "", message: `Internal error (request ${requestId})` };
  }
  const { status, ...rest } = item;
  return version === "v1" ? json(status, { meta: { error: rest.message } }) : json(status, { errors: [rest] });
}
