// Time on the ingest path without Next's `Date` wrapper. Next replaces the global Date with a subclass whose
// constructor goes through Reflect.construct and an IO check (node-environment-extensions/date.js): measured
// at 4 % of the server's CPU on 100-event batches. server.js keeps the original before it loads Next
// (globalThis.sluiceServer.Date); tests and plain `next start` have no server.js and use the global one.

const holder = globalThis as unknown as { sluiceServer?: { Date?: DateConstructor } };
const RealDate: DateConstructor = holder.sluiceServer?.Date ?? Date;

export function nowMs(): number {
  return RealDate.now();
}

export function newDate(ms: number): Date {
  return new RealDate(ms);
}

/** ISO-8601 text of a time in ms. The last few are remembered: a call's dates (its timestamp, the corrected
 *  one, receivedAt) repeat across a batch's items and across the calls of one moment. */
const ISO_SLOTS = 8;
const isoMs = new Float64Array(ISO_SLOTS).fill(NaN);
const isoText: string[] = new Array(ISO_SLOTS).fill("");
let nextSlot = 0;
export function isoOf(ms: number): string {
  for (let i = 0; i < ISO_SLOTS; i++) if (isoMs[i] === ms) return isoText[i]!;
  const text = new RealDate(ms).toISOString();
  isoMs[nextSlot] = ms;
  isoText[nextSlot] = text;
  nextSlot = (nextSlot + 1) % ISO_SLOTS;
  return text;
}

/** A date as a client sends it (ISO text or ms since 1970) in ms; undefined when it does not parse. */
let lastText = "";
let lastParsed = NaN;
export function parseMs(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === "string") {
    if (value !== lastText) {
      lastParsed = RealDate.parse(value);
      lastText = value;
    }
    ms = lastParsed;
  } else if (typeof value === "number")
    ms = new RealDate(value).getTime(); // clipped to Date's range, like before
  else return undefined;
  return Number.isNaN(ms) ? undefined : ms;
}
