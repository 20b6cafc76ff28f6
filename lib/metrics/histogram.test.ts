import { describe, expect, it } from "vitest";
import { addInto, bucketOf, emptyHistogram, LATENCY_BUCKETS, lowerEdge, percentile, upperEdge } from "./histogram";
import { pointsOf, rowStart, windowOf } from "./range";

function histogramOf(latencies: number[]): number[] {
  const h = emptyHistogram();
  for (const ms of latencies) h[bucketOf(ms)]!++;
  return h;
}

/** The nearest-rank percentile of the raw values: what the histogram approximates. */
function exactPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe("latency histogram", () => {
  it("puts each latency in the bucket whose edges contain it", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.5)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(1.41)).toBe(1);
    expect(bucketOf(Math.SQRT2)).toBe(2);
    expect(bucketOf(2)).toBe(3);
    expect(bucketOf(1000)).toBe(20); // 2^9.5 ≈ 724 ≤ 1000 < 1024
    for (let ms = 1; ms < 5_000_000; ms = Math.ceil(ms * 1.07)) {
      const b = bucketOf(ms);
      expect(ms).toBeGreaterThanOrEqual(lowerEdge(b));
      expect(ms).toBeLessThan(upperEdge(b));
    }
  });

  it("keeps every exact power of two in the bucket it starts", () => {
    for (let k = 0; k < 25; k++) expect(lowerEdge(bucketOf(2 ** k))).toBe(2 ** k);
  });

  it("clamps very long latencies (and bad values) into the ends", () => {
    expect(bucketOf(10 * 24 * 3600 * 1000)).toBe(LATENCY_BUCKETS - 1);
    expect(bucketOf(Infinity)).toBe(LATENCY_BUCKETS - 1);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(Number.NaN)).toBe(0);
  });

  it("has no percentile without samples", () => {
    expect(percentile(emptyHistogram(), 0.5)).toBeNull();
  });

  it("gives one sample's value back within its bucket", () => {
    const p = percentile(histogramOf([300]), 0.95)!;
    expect(p).toBeGreaterThanOrEqual(lowerEdge(bucketOf(300)));
    expect(p).toBeLessThan(upperEdge(bucketOf(300)));
  });

  it("estimates p50 and p95 within 21 % of the exact nearest-rank values", () => {
    // A skewed spread like real deliveries: most fast, a long tail of slow and retried ones.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 20_000 }, () => Math.round(20 * Math.exp(3 * random() ** 3)));
    values.push(...Array.from({ length: 300 }, () => 60_000 + Math.round(random() * 600_000)));
    const h = histogramOf(values);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactPercentile(values, q);
      const estimate = percentile(h, q)!;
      expect(bucketOf(estimate)).toBe(bucketOf(exact));
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.21);
    }
  });

  it("orders its answers: p50 ≤ p95 ≤ p99, whatever the counts", () => {
    const h = histogramOf([5, 5, 5, 80, 80, 900, 12_000]);
    expect(percentile(h, 0.5)!).toBeLessThanOrEqual(percentile(h, 0.95)!);
    expect(percentile(h, 0.95)!).toBeLessThanOrEqual(percentile(h, 0.99)!);
    expect(percentile(h, 0.5)).toBeLessThan(upperEdge(bucketOf(80)));
    expect(percentile(h, 0.5)).toBeGreaterThanOrEqual(lowerEdge(bucketOf(80)));
  });

  it("adds up: the histogram of two ranges is the sum of theirs", () => {
    const a = [3, 40, 40, 2000];
    const b = [7, 900, 65_000];
    expect(addInto(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
  });
});

describe("chart ranges", () => {
  const now = Date.UTC(2026, 11, 1, 11, 37, 20);
  const minute = Math.floor(now / 60_000);

  it("1 h: 60 minute points ending with the current minute", () => {
    const w = windowOf("1h", now);
    expect(w).toEqual({ span: 1, from: minute - 59, to: minute + 1, points: 60 });
    expect(pointsOf(w).at(-1)).toBe(minute);
  });

  it("24 h and 7 d: hour points ending with the current hour", () => {
    const hour = rowStart(minute, 60);
    expect(hour % 60).toBe(0);
    expect(windowOf("24h", now)).toEqual({ span: 60, from: hour - 23 * 60, to: hour + 60, points: 24 });
    const week = windowOf("7d", now);
    expect(week.to - week.from).toBe(168 * 60);
    expect(pointsOf(week)).toHaveLength(168);
  });
});
