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

/** ISO-8601 text of a time in ms; the last one is remembered (a batch's items usually share their times). */
let lastMs = NaN;
let lastIso = "";
export function isoOf(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new RealDate(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** A date as a client sends it (ISO text or ms since 1970) in ms; undefined when it does not parse. */
export function parseMs(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === "string") ms = RealDate.parse(value);
  else if (typeof value === "number")
    ms = new RealDate(value).getTime(); // clipped to Date's range, like before
  else return undefined;
  return Number.isNaN(ms) ? undefined : ms;
}
