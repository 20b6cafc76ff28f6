import type { HttpExchange } from "./types";

// What one outbound request looked like, for the delivery attempts the debugger shows and the action test's
// "request sent / response received": with credentials removed and bodies cut to 8 KB.

export const EXCHANGE_BODY_LIMIT = 8 * 1024;
export const REDACTED = "[redacted]";

/** An exchange as captured, before redaction. */
export type ExchangeRecord = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  startedAt: number;
  response: { status: number; headers: Record<string, string>; body: string } | null;
  endedAt?: number;
  error?: string;
};

// Names that carry credentials whatever their value (request and response headers, query parameters).
const secretHeader = /authorization|cookie|api[-_]?key|token|secret|password|session|signature-key/i;
const secretParam = /^(key|api[-_]?key|access[-_]?key|.*token|.*secret|password|passwd|auth|sig)$/i;

/** The secret values to scrub and the forms they take in text (as is, JSON-escaped, URL-encoded). */
function secretForms(secrets: string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // Short values would scrub ordinary text ("1", "us"); those are only redacted where they are a whole value.
    if (secret.length < 4) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function scrub(text: string, forms: string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** `text` with every secret value (of 4 characters or more) replaced by "[redacted]". */
export function redactText(text: string, secretValues: string[]): string {
  return scrub(text, secretForms(secretValues));
}

export function truncateBody(text: string, limit = EXCHANGE_BODY_LIMIT): string {
  if (text.length <= limit / 4 || Buffer.byteLength(text) <= limit) return text;
  const marker = `…[truncated, ${Buffer.byteLength(text)} bytes]`;
  const cut = Buffer.from(text).subarray(0, limit - Buffer.byteLength(marker) - 4);
  return cut.toString("utf8").replace(/\uFFFD+$/, "") + marker;
}

function redactHeaders(headers: Record<string, string>, secrets: Set<string>, forms: string[]) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = secretHeader.test(name) || secrets.has(value) ? REDACTED : scrub(value, forms);
  }
  return out;
}

function redactUrl(raw: string, secrets: Set<string>, forms: string[]): string {
  let url = raw;
  // A password can only be there before an "@" (most URLs have none: no parse).
  if (raw.includes("@")) {
    try {
      const parsed = new URL(raw);
      if (parsed.password) url = url.replace(`:${parsed.password}@`, `:${REDACTED}@`);
    } catch {
      // not a URL: scrubbed as text below
    }
  }
  const q = url.indexOf("?");
  if (q >= 0) {
    const [query, hash = ""] = url.slice(q + 1).split(/(?=#)/);
    const pairs = query.split("&").map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const value = safeDecode(pair.slice(eq + 1));
      return secretParam.test(name) || secrets.has(value) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
    url = `${url.slice(0, q)}?${pairs.join("&")}${hash}`;
  }
  return scrub(url, forms);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** The exchange as it may be stored and shown: every credential replaced by "[redacted]", bodies ≤ 8 KB. */
export function redactExchange(record: ExchangeRecord, secretValues: string[]): HttpExchange {
  const secrets = new Set(secretValues.filter((s) => s !== ""));
  const forms = secretForms([...secrets]);
  const end = record.endedAt ?? Date.now();
  return {
    request: {
      method: record.method,
      url: redactUrl(record.url, secrets, forms),
      headers: redactHeaders(record.headers, secrets, forms),
      body: record.body === null ? null : truncateBody(scrub(record.body, forms)),
    },
    response: record.response && {
      status: record.response.status,
      headers: redactHeaders(record.response.headers, secrets, forms),
      body: truncateBody(scrub(record.response.body, forms)),
    },
    durationMs: Math.max(0, Math.round(end - record.startedAt)),
    ...(record.error !== undefined ? { error: scrub(record.error, forms) } : {}),
  };
}

/** Header entries of a fetch `Headers` (or a plain object) as a plain object. */
export function headersToObject(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== "object") return out;
  const h = headers as { forEach?: (cb: (value: string, key: string) => void) => void };
  if (typeof h.forEach === "function") {
    h.forEach((value, key) => (out[key.toLowerCase()] = String(value)));
    return out;
  }
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) out[key.toLowerCase()] = String(value);
  return out;
}

/** A request body as text for the record (streams and form data are not read: they can be sent only once). */
export function bodyToText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return body;
  if (Buffer.isBuffer(body)) return body.toString("utf8");
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString("utf8");
  return `[${(body as object).constructor?.name ?? "binary"} body]`;
}
