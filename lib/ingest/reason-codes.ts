// The stable codes of rejected calls, stored beside the message (Event.reasonCode): the message is for people
// and may be reworded; the code is what the debugger's advice (components/debugger/rejection-advice.ts),
// filters and automation key on. Isomorphic: no server imports.

export const REASON_CODES = [
  /** Not valid JSON (or not UTF-8 text that parses). */
  "invalid_json",
  /** The body, a call or a batch item is not a JSON object; a field that must be an object is not one. */
  "invalid_type",
  /** Over a size limit: 32 KB per call, 500 KB per batch, 32 KB per batch item, 2,500 items. */
  "too_large",
  /** Nested deeper than 64 levels. */
  "too_deep",
  /** A gzip/deflate body that does not decompress, or an unsupported Content-Encoding. */
  "invalid_encoding",
  /** "batch" is not an array. */
  "invalid_batch",
  /** No userId / anonymousId (or an identify without either and without traits.email). */
  "missing_identity",
  /** A track call without an event name. */
  "missing_event",
  /** An alias without previousId and userId. */
  "missing_previous_id",
  /** A group call without groupId. */
  "missing_group_id",
  /** messageId not a string, too long or holding NUL. */
  "invalid_message_id",
  /** A timestamp, originalTimestamp or sentAt outside the years 0000–9999. */
  "invalid_timestamp",
  /** "type" is not one of identify, track, page, screen, group, alias. */
  "invalid_call_type",
  /** traits, properties, context or integrations that are not JSON objects. */
  "invalid_field",
  /** The call made Sluice's own processing fail: stored for the debugger rather than answered 500. */
  "unprocessable",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === "string" && (REASON_CODES as readonly string[]).includes(value);
}
