// The dates of a call, in ms: parsed leniently (an unparseable one is ignored, as before), but never stored out
// of the range ISO-8601 text can carry, and the clock-skew correction clamped (see ingest-contract.md).

export { parseMs } from "./clock";

// Dates Sluice stores must be ISO-8601 with a four-digit year: JavaScript goes to ±275,760, but the ISO text
// of such a date ("+275760-09-13T00:00:00.000Z") is refused by databases and destinations alike.
export const MIN_TIME = Date.parse("0000-01-01T00:00:00.000Z");
export const MAX_TIME = Date.parse("9999-12-31T23:59:59.999Z");

export function isInRange(ms: number | undefined): ms is number {
  return ms !== undefined && ms >= MIN_TIME && ms <= MAX_TIME;
}

/**
 * The skew-corrected time, clamped: a sentAt far from the event (a client clock reset to 1970, a bogus value)
 * would otherwise date the event centuries ahead or before year 0. An event cannot have happened after it
 * arrived, so a corrected time in the future becomes receivedAt; one before year 0 keeps originalTimestamp.
 */
export function correctSkew(received: number, sentAt: number, original: number): number {
  const corrected = received - (sentAt - original);
  if (corrected > received) return received;
  return corrected < MIN_TIME ? original : corrected;
}
