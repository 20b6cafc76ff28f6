// Anonymous activity waits this long for its anonymousId to be identified; older held activity is discarded.
export const DEFAULT_MERGE_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The oldest time held anonymous activity may have and still attach to a person identified at `now`. */
export function mergeWindowStart(now: Date, windowDays: number): Date {
  return new Date(now.getTime() - Math.max(0, windowDays) * DAY_MS);
}

export function isWithinMergeWindow(timestamp: Date, now: Date, windowDays: number): boolean {
  return timestamp.getTime() >= mergeWindowStart(now, windowDays).getTime();
}

/** A Track API timestamp (unix seconds, milliseconds or an ISO string) as a Date; `fallback` when absent. */
export function toDate(value: unknown, fallback: Date): Date {
  if (typeof value === "number" && Number.isFinite(value)) {
    return new Date(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value === "string" && value !== "") {
    const n = Number(value);
    if (Number.isFinite(n)) return toDate(n, fallback);
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fallback;
}
