// Which perform failures are worth retrying. actions-core throws and never retries (apart from an OAuth 401
// refresh), so the delivery engine decides: network errors, timeouts, 408, 429 (with its Retry-After) and 5xx
// are retryable; other 4xx, payload validation, an IntegrationError with a non-retryable status, an invalid
// authentication and Sluice's own refusals (private address, redirect to another host) are permanent.

export type FailedItem = {
  ok: false;
  retryable: boolean;
  status?: number;
  error: string;
  retryAfterMs?: number;
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

type ErrorLike = Error & {
  code?: unknown;
  type?: unknown;
  status?: unknown;
  response?: {
    status?: number;
    statusText?: string;
    content?: string;
    headers?: { get?(name: string): string | null };
  };
};

// node-fetch's FetchError types that are about the network (retry) rather than the answer.
const networkFetchErrors = new Set(["system", "request-timeout", "body-timeout"]);
const timeoutNames = new Set(["TimeoutError", "RequestTimeoutError", "SelfTimeoutError"]);
const permanentNames = new Set([
  "AggregateAjvError",
  "ValidationError",
  "PayloadValidationError",
  "InvalidAuthenticationError",
  "InvalidAudienceMembershipError",
  "PrivateAddressError",
  "CrossHostRedirectError",
]);
const sluiceRefusals = new Set(["SLUICE_PRIVATE_ADDRESS", "SLUICE_CROSS_HOST_REDIRECT"]);

function snippet(text: string | undefined): string {
  const body = (text ?? "").replace(/\s+/g, " ").trim();
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}

function byStatus(status: number, error: string, retryAfterMs?: number): FailedItem {
  const retryable = isRetryableStatus(status);
  return { ok: false, retryable, status, error, ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** What a thrown perform error means for the delivery. */
export function classifyError(thrown: unknown, timeoutMs?: number): FailedItem {
  const err = (thrown instanceof Error ? thrown : new Error(String(thrown))) as ErrorLike;
  const name = err.name || err.constructor?.name;
  const code = typeof err.code === "string" ? err.code : undefined;

  // HTTPError: the destination answered with an error status.
  if (err.response && typeof err.response.status === "number") {
    const { status, statusText, content } = err.response;
    const body = snippet(content);
    const message = `HTTP ${status}${statusText ? ` ${statusText}` : ""}${body ? `: ${body}` : ""}`;
    return byStatus(status, message, parseRetryAfter(err.response.headers?.get?.("retry-after")));
  }
  if ((code && sluiceRefusals.has(code)) || permanentNames.has(name)) {
    const status = typeof err.status === "number" ? err.status : undefined;
    return { ok: false, retryable: false, ...(status ? { status } : {}), error: reason(err) };
  }
  if (timeoutNames.has(name) || code === "ETIMEDOUT" || err.type === "request-timeout" || err.type === "body-timeout") {
    const after = timeoutMs ? ` after ${timeoutMs} ms` : "";
    return { ok: false, retryable: true, error: `The destination did not answer in time (timed out${after})` };
  }
  if (name === "RetryableError" || code === "RETRYABLE_ERROR") {
    const status = typeof err.status === "number" ? err.status : undefined;
    return { ok: false, retryable: true, ...(status ? { status } : {}), error: err.message || "Retryable error" };
  }
  if (name === "AbortError" || name === "RequestClientError") {
    return { ok: false, retryable: true, error: "The request was interrupted before an answer arrived" };
  }
  if (name === "FetchError") {
    // Network failures retry; a bad redirect, oversized or unreadable answer will not change.
    return { ok: false, retryable: networkFetchErrors.has(String(err.type)), error: err.message };
  }
  if (typeof err.status === "number") return byStatus(err.status, err.message || `Status ${err.status}`);
  return { ok: false, retryable: false, error: err.message || name || "Unknown error" };
}

// node-fetch wraps socket errors as "request to <url> failed, reason: <message>"; the reason is what a person
// needs (e.g. how to allow private addresses).
function reason(err: Error): string {
  const match = /failed, reason: ([\s\S]*)$/.exec(err.message);
  return match ? match[1] : err.message;
}
