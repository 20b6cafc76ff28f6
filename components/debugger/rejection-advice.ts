// What to change in the sending code for each reason ingest gives (lib/ingest's messages), in plain words.
const advice: [RegExp, string][] = [
  [
    /need a "userId" or an "anonymousId"/,
    'Every call must say who it is about. Call identify("user-id") first or pass userId; browser libraries set anonymousId themselves, so a server call usually lacks userId.',
  ],
  [/need a non-empty "event"/, 'Give track calls an event name: analytics.track("Order Completed", { ... }).'],
  [
    /need a "previousId" and a "userId"/,
    'Alias needs the old id and the new one: analytics.alias("new-id", "old-id").',
  ],
  [/need a "groupId"/, 'Group calls name the account or company: analytics.group("company-id", { name: "Acme" }).'],
  [/"messageId"/, "Leave messageId to the library, or send a string of at most 100 characters."],
  [
    /nested deeper than \d+ levels|nested too deep/,
    "Flatten the call: objects and arrays may nest at most 64 levels deep (the call itself is level 1). Send deep structures as a JSON string, or only the fields you need.",
  ],
  [
    /is out of range: use an ISO-8601 date/,
    'Send dates as ISO-8601 strings with a four-digit year, e.g. "2026-11-29T10:00:00.000Z" (a number is read as milliseconds since 1970).',
  ],
  [/"type" must be one of/, "Each batch item needs a type: identify, track, page, screen, group or alias."],
  [
    /not valid JSON|must be a JSON object/,
    "Send a JSON object as the body (Content-Type application/json or text/plain).",
  ],
  [
    /limit/,
    "Split large calls: a single call may be 32 KB, a batch 500 KB and 2,500 items. Move big blobs out of properties.",
  ],
];

/** Advice for a rejection reason, or null when the reason has no known fix to suggest. */
export function rejectionAdvice(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return advice.find(([pattern]) => pattern.test(reason))?.[1] ?? null;
}
