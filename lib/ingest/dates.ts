// The dates of a call: parsed leniently (an unparseable one is ignored, as before), but never stored out of
// the range ISO-8601 text can carry, and the clock-skew correction clamped (see ingest-contract.md).

export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * The skew-corrected time, clamped: a sentAt far from the event (a client clock reset to 1970, a bogus value)
 * would otherwise date the event centuries ahead or before year 0. An event cannot have happened after it
 * arrived, so a corrected time in the future becomes receivedAt; one before year 0 keeps originalTimestamp.
 */
export function correctSkew(received: Date, sentAt: Date, original: Date): Date {
  const corrected = received.getTime() - (sentAt.getTime() - original.getTime());
  if (corrected > received.getTime()) return received;
  return corrected < MIN_TIME ? original : new Date(corrected);
}

// Dates Sluice stores must be ISO-8601 with a four-digit year: JavaScript goes to ±275,760, but the ISO text
// of such a date ("+275760-09-13T00:00:00.000Z") is refused by databases and destinations alike.
const MIN_TIME = Date.parse("0000-01-01T00:00:00.000Z");
const MAX_TIME = Date.parse("9999-12-31T23:59:59.999Z");

export function inRange(d: Date | undefined): Date | undefined {
  return d && d.getTime() >= MIN_TIME && d.getTime() <= MAX_TIME ? d : undefined;
}

/** A date that parses but lies outside years 0000–9999 is the client's mistake: rejected, with the field named. */
export function validateDates(call: Record<string, unknown>): string | undefined {
  for (const field of ["timestamp", "originalTimestamp", "sentAt"] as const) {
    const d = parseDate(call[field]);
    if (d && !inRange(d)) return `"${field}" is out of range: use an ISO-8601 date between the years 0000 and 9999`;
  }
  return undefined;
}
