import { formatNumber } from "@/lib/format";

// Words for the numbers the charts show.

/** "980", "12.4k", "1.3M": short enough for a connection line's label. */
export function formatCompact(n: number): string {
  if (n < 10_000) return formatNumber(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** A latency: "85 ms", "1.4 s", "2.5 min", "3.1 h"; "—" when there is none. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** `part` of `whole` as a percentage in words: "0 %", "0.4 %", "12 %"; null when there is no whole. */
export function formatRate(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const pct = (100 * part) / whole;
  if (part === 0) return "0%";
  if (pct < 0.1) return "<0.1%";
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** "1 call", "3 calls". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export const RANGE_LABELS = { "1h": "1 h", "24h": "24 h", "7d": "7 days" } as const;
