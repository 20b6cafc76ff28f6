// The chart ranges and how they read the aggregates: the 1 h chart has a point per minute (minute rows), the
// 24 h and 7 d charts a point per hour (hour rows). Each range ends with the current, still filling, point.

export const METRIC_RANGES = ["1h", "24h", "7d"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

/** Row spans written for every count, in minutes. */
export const SPANS = [1, 60] as const;

const SHAPE: Record<MetricRange, { span: number; points: number }> = {
  "1h": { span: 1, points: 60 },
  "24h": { span: 60, points: 24 },
  "7d": { span: 60, points: 168 },
};

/** Minutes since the Unix epoch (UTC) of `at`. */
export function minuteOf(at: Date | number): number {
  return Math.floor((typeof at === "number" ? at : at.getTime()) / 60_000);
}

/** The start minute of the `span`-minute row that holds `minute`. */
export function rowStart(minute: number, span: number): number {
  return minute - (minute % span);
}

export interface RangeWindow {
  span: number;
  /** First point's start minute (inclusive) and the end (exclusive), both multiples of span. */
  from: number;
  to: number;
  points: number;
}

export function windowOf(range: MetricRange, now: Date | number = Date.now()): RangeWindow {
  const { span, points } = SHAPE[range];
  const to = rowStart(minuteOf(now), span) + span;
  return { span, from: to - points * span, to, points };
}

/** The start minutes of each point of the window, oldest first. */
export function pointsOf(w: RangeWindow): number[] {
  return Array.from({ length: w.points }, (_, i) => w.from + i * w.span);
}
