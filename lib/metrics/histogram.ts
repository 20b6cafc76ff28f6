// End-to-end latency as a fixed log-scale histogram: bucket 0 holds 0 ≤ ms < 1, bucket i ≥ 1 holds
// 2^((i-1)/2) ≤ ms < 2^(i/2) (each bucket √2 ≈ 1.41× wider than the one before), and the last bucket everything
// from 2^25 ms (about 9.3 h) up. Fixed buckets add up: a range's histogram is the column sums of its rows, so
// p50/p95 over 7 days read 168 hour rows instead of a million latencies. A percentile is interpolated inside its
// bucket on the log scale: it lies in the same bucket as the true (nearest-rank) value, so it is off by less
// than a factor of √2 at worst, and usually far less (the unit test's skewed spread: under 21 %).

export const LATENCY_BUCKETS = 52;

/** The bucket a latency in milliseconds falls into. */
export function bucketOf(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1) return ms === Infinity ? LATENCY_BUCKETS - 1 : 0;
  const i = Math.floor(2 * Math.log2(ms)) + 1;
  // Floating point may put an exact power of √2 one bucket low: check against the integer-exact lower edge.
  const fixed = ms >= lowerEdge(i + 1) ? i + 1 : ms < lowerEdge(i) ? i - 1 : i;
  return Math.min(LATENCY_BUCKETS - 1, fixed);
}

/** The lowest latency of bucket `i` (ms). */
export function lowerEdge(i: number): number {
  return i <= 0 ? 0 : 2 ** ((i - 1) / 2);
}

/** The latency where bucket `i` ends (ms); the last bucket is open, so it ends where it starts ×√2. */
export function upperEdge(i: number): number {
  return 2 ** (i / 2);
}

/** Adds histogram `b` into `a` (same length). */
export function addInto(a: number[], b: ArrayLike<number>): number[] {
  for (let i = 0; i < a.length; i++) a[i]! += Number(b[i] ?? 0);
  return a;
}

export function emptyHistogram(): number[] {
  return new Array<number>(LATENCY_BUCKETS).fill(0);
}

/**
 * The q-quantile (0 < q ≤ 1) of the latencies counted in `hist`, in ms, rounded to a whole ms; null when it
 * counts none. The nearest-rank sample (rank ⌈q·n⌉) is located in its bucket and placed by its position among
 * the bucket's samples, on the log scale (linearly in bucket 0, which starts at 0).
 */
export function percentile(hist: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let i = 0; i < hist.length; i++) total += Number(hist[i]);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = Number(hist[i]);
    if (n === 0) continue;
    if (seen + n >= rank) {
      const within = (rank - seen - 0.5) / n; // the sample's middle position inside the bucket, 0…1
      if (i === 0) return Math.round(within);
      const lo = lowerEdge(i);
      return Math.round(lo * (upperEdge(i) / lo) ** within);
    }
    seen += n;
  }
  return null;
}
