import { isReasonCode, type ReasonCode } from "@/lib/ingest/reason-codes";

// What to change in the sending code for each reason ingest gives, in plain words, keyed by the rejection's
// stable code (Event.reasonCode), not by its wording. Rows stored before the codes existed have only the
// message: `legacyCode` maps the messages ingest gave then to their codes.
const adviceByCode: Record<ReasonCode, string | null> = {
  missing_identity:
    'Every call must say who it is about. Call identify("user-id") first or pass userId; browser libraries set anonymousId themselves, so a server call usually lacks userId.',
  missing_event: 'Give track calls an event name: analytics.track("Order Completed", { ... }).',
  missing_previous_id: 'Alias needs the old id and the new one: analytics.alias("new-id", "old-id").',
  missing_group_id: 'Group calls name the account or company: analytics.group("company-id", { name: "Acme" }).',
  invalid_message_id: "Leave messageId to the library, or send a string of at most 100 characters.",
  too_deep:
    "Flatten the call: objects and arrays may nest at most 64 levels deep (the call itself is level 1). Send deep structures as a JSON string, or only the fields you need.",
  invalid_timestamp:
    'Send dates as ISO-8601 strings with a four-digit year, e.g. "2026-11-29T10:00:00.000Z" (a number is read as milliseconds since 1970).',
  invalid_call_type: "Each batch item needs a type: identify, track, page, screen, group or alias.",
  invalid_json: "Send a JSON object as the body (Content-Type application/json or text/plain).",
  invalid_type:
    "Send a JSON object as the body (Content-Type application/json or text/plain), and each call as an object.",
  invalid_batch: 'Send batches as {"batch": [ ...calls ]}: "batch" is an array of call objects.',
  invalid_field:
    'traits, properties, context and integrations are objects: send { "plan": "pro" }, not a string, number or array. Wrap a lone value in an object.',
  invalid_encoding: "Send the body gzip-compressed with Content-Encoding: gzip, or uncompressed without that header.",
  too_large:
    "Split large calls: a single call may be 32 KB, a batch 500 KB and 2,500 items. Move big blobs out of properties.",
  unprocessable: null,
};

const legacy: [RegExp, ReasonCode][] = [
  [/need a "userId" or an "anonymousId"/, "missing_identity"],
  [/need a non-empty "event"/, "missing_event"],
  [/need a "previousId" and a "userId"/, "missing_previous_id"],
  [/need a "groupId"/, "missing_group_id"],
  [/"messageId"/, "invalid_message_id"],
  [/nested deeper than \d+ levels|nested too deep/, "too_deep"],
  [/is out of range: use an ISO-8601 date/, "invalid_timestamp"],
  [/"type" must be one of/, "invalid_call_type"],
  [/not valid JSON|must be a JSON object/, "invalid_json"],
  [/limit/, "too_large"],
];

/** The code of a rejection stored before reason codes (by its message), or null. */
export function legacyCode(reason: string | null | undefined): ReasonCode | null {
  if (!reason) return null;
  return legacy.find(([pattern]) => pattern.test(reason))?.[1] ?? null;
}

/** Advice for a rejection (its code; for older rows, its message), or null when there is no known fix to suggest. */
export function rejectionAdvice(reason: string | null | undefined, reasonCode?: string | null): string | null {
  const code = isReasonCode(reasonCode) ? reasonCode : legacyCode(reason);
  return code ? adviceByCode[code] : null;
}
