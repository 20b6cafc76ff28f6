import "server-only";
import { Sql } from "@/lib/pipeline/sql";
import { addInto, emptyHistogram, LATENCY_BUCKETS, percentile } from "./histogram";
import { pointsOf, windowOf, type MetricRange, type RangeWindow } from "./range";
import type {
  DeliveryCounts,
  DeliveryMetrics,
  DeliveryPoint,
  IngestCounts,
  IngestMetrics,
  Latency,
  TopError,
} from "./types";

// Reads the aggregates for a chart: each query sums the rows of one span over the window (at most 168 hour rows
// per key for 7 days), grouped as the answer needs; percentiles come from the summed histograms.

type Filter = { workspaceId: string; destinationId?: string; sourceId?: string };
type Raw = Record<string, unknown>;

const COUNTS = ["delivered", "failed", "dead", "retrying", "filtered"] as const;
const HISTOGRAM = Array.from({ length: LATENCY_BUCKETS }, (_, i) => `h${i}`);
const TOP = 10;

function where(q: Sql, f: Filter, w: RangeWindow): string {
  const parts = [`"workspaceId" = ${q.v(f.workspaceId)}`];
  if (f.destinationId) parts.push(`"destinationId" = ${q.v(f.destinationId)}`);
  if (f.sourceId) parts.push(`"sourceId" = ${q.v(f.sourceId)}`);
  parts.push(`"span" = ${q.v(w.span, "int")}`, `"minute" >= ${q.v(w.from, "int")}`, `"minute" < ${q.v(w.to, "int")}`);
  return parts.join(" AND ");
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const iso = (minute: number) => new Date(minute * 60_000).toISOString();

function countsOf(r: Raw): DeliveryCounts {
  return {
    delivered: num(r.delivered),
    failed: num(r.failed),
    dead: num(r.dead),
    retrying: num(r.retrying),
    filtered: num(r.filtered),
  };
}
function addCounts(a: DeliveryCounts, b: DeliveryCounts): DeliveryCounts {
  for (const c of COUNTS) a[c] += b[c];
  return a;
}
export function withoutFiltered({ delivered, failed, dead, retrying }: DeliveryCounts) {
  return { delivered, failed, dead, retrying };
}
const zeroCounts = (): DeliveryCounts => ({ delivered: 0, failed: 0, dead: 0, retrying: 0, filtered: 0 });
const histogramOf = (r: Raw) => HISTOGRAM.map((h) => num(r[h]));

export function latencyOf(hist: number[]): Latency {
  return { p50: percentile(hist, 0.5), p95: percentile(hist, 0.95), count: hist.reduce((a, b) => a + b, 0) };
}

/** Sums of the delivery rows grouped by `groupBy` columns (with the latency histogram when asked). */
function sumDeliveries(f: Filter, w: RangeWindow, groupBy: string[], withHistogram: boolean): Promise<Raw[]> {
  const q = new Sql();
  const sums = [...COUNTS, ...(withHistogram ? HISTOGRAM : [])].map((c) => `SUM("${c}") AS "${c}"`);
  const keys = groupBy.map((g) => `"${g}"`).join(",");
  return q.query<Raw>(
    `SELECT ${keys ? `${keys},` : ""}${sums.join(",")} FROM "MetricDelivery" WHERE ${where(q, f, w)}${keys ? ` GROUP BY ${keys}` : ""}`,
  );
}

async function topErrors(f: Filter, w: RangeWindow): Promise<TopError[]> {
  const q = new Sql();
  const rows = await q.query<Raw>(
    `SELECT "message","destinationId","actionId",SUM("count") AS "count" FROM "MetricDeliveryError" WHERE ${where(q, f, w)}
     GROUP BY "message","destinationId","actionId" ORDER BY SUM("count") DESC, "message" LIMIT ${TOP}`,
  );
  return rows.map((r) => ({
    message: String(r.message),
    count: num(r.count),
    destinationId: String(r.destinationId),
    actionId: String(r.actionId),
  }));
}

/** The delivery chart of a destination or the whole workspace; without `pointLatency` (the workspace, whose
 *  latency comes from readDeliveryBreakdown's per-destination histograms) the points have no p50/p95 and
 *  `latency` is empty: summing 52 histogram columns is most of a 7-day read's cost. */
export async function readDeliveryMetrics(
  f: Filter,
  w: RangeWindow,
  options: { pointLatency?: boolean; byAction?: boolean } = {},
): Promise<DeliveryMetrics> {
  const pointLatency = options.pointLatency ?? true;
  const [byMinute, byAction, errors] = await Promise.all([
    sumDeliveries(f, w, ["minute"], pointLatency),
    options.byAction === false ? Promise.resolve([]) : sumDeliveries(f, w, ["actionId"], false),
    topErrors(f, w),
  ]);
  const points = new Map(byMinute.map((r) => [num(r.minute), r]));
  const total = emptyHistogram();
  const totals = zeroCounts();
  const series: DeliveryPoint[] = pointsOf(w).map((minute) => {
    const r = points.get(minute);
    if (!r) return { t: iso(minute), ...zeroCounts(), p50: null, p95: null };
    const counts = countsOf(r);
    addCounts(totals, counts);
    if (!pointLatency) return { t: iso(minute), ...counts, p50: null, p95: null };
    const hist = histogramOf(r);
    addInto(total, hist);
    return { t: iso(minute), ...counts, p50: percentile(hist, 0.5), p95: percentile(hist, 0.95) };
  });
  return {
    series,
    totals,
    latency: latencyOf(total),
    topErrors: errors,
    actions: byAction.map((r) => ({ actionId: String(r.actionId), ...countsOf(r) })),
  };
}

/** Delivery totals of a source's events (at every destination). */
export async function readSourceDeliveries(workspaceId: string, sourceId: string, w: RangeWindow) {
  const [row] = await sumDeliveries({ workspaceId, sourceId }, w, [], false);
  return withoutFiltered(row ? countsOf(row) : zeroCounts());
}

/** Per destination (with latency) and per source → destination connection: the Connections page. */
export async function readDeliveryBreakdown(workspaceId: string, w: RangeWindow) {
  // One pass: per source × destination (filtered events under source ""), added up per destination here.
  const rows = await sumDeliveries({ workspaceId }, w, ["sourceId", "destinationId"], true);
  const perDestination = new Map<string, { counts: DeliveryCounts; hist: number[] }>();
  const total = emptyHistogram();
  const connections = [];
  for (const r of rows) {
    const destinationId = String(r.destinationId);
    const counts = countsOf(r);
    const hist = histogramOf(r);
    addInto(total, hist);
    const d = perDestination.get(destinationId) ?? { counts: zeroCounts(), hist: emptyHistogram() };
    addCounts(d.counts, counts);
    addInto(d.hist, hist);
    perDestination.set(destinationId, d);
    if (r.sourceId !== "")
      connections.push({ sourceId: String(r.sourceId), destinationId, ...withoutFiltered(counts) });
  }
  return {
    destinations: [...perDestination].map(([destinationId, d]) => ({
      destinationId,
      ...d.counts,
      latency: latencyOf(d.hist),
    })),
    connections,
    /** The workspace's latency: every destination's histogram added up. */
    latency: latencyOf(total),
  };
}

function ingestCounts(r: Raw | undefined): IngestCounts {
  const accepted = num(r?.accepted);
  const rejected = num(r?.rejected);
  return { received: accepted + rejected, accepted, rejected };
}

function bump<K>(map: Map<K, IngestCounts>, key: K, c: IngestCounts) {
  const cur = map.get(key) ?? ingestCounts(undefined);
  map.set(key, {
    received: cur.received + c.received,
    accepted: cur.accepted + c.accepted,
    rejected: cur.rejected + c.rejected,
  });
}

/** The calls chart of a source, or of every source of the workspace. */
export async function readIngestMetrics(f: Filter, w: RangeWindow): Promise<IngestMetrics> {
  const q = new Sql();
  const names = new Sql();
  const [byMinuteType, top] = await Promise.all([
    q.query<Raw>(
      `SELECT "minute","type",SUM("accepted") AS "accepted",SUM("rejected") AS "rejected" FROM "MetricIngest"
       WHERE ${where(q, f, w)} GROUP BY "minute","type"`,
    ),
    names.query<Raw>(
      `SELECT "type","name",SUM("count") AS "count" FROM "MetricEventName" WHERE ${where(names, f, w)}
       GROUP BY "type","name" ORDER BY SUM("count") DESC, "name" LIMIT ${TOP}`,
    ),
  ]);
  const perMinute = new Map<number, IngestCounts>();
  const perType = new Map<string, IngestCounts>();
  for (const r of byMinuteType) {
    const c = ingestCounts(r);
    bump(perMinute, num(r.minute), c);
    bump(perType, String(r.type), c);
  }
  const series = pointsOf(w).map((minute) => ({
    t: iso(minute),
    ...(perMinute.get(minute) ?? ingestCounts(undefined)),
  }));
  const totals = series.reduce(
    (t, p) => ({
      received: t.received + p.received,
      accepted: t.accepted + p.accepted,
      rejected: t.rejected + p.rejected,
    }),
    ingestCounts(undefined),
  );
  return {
    series,
    totals,
    byType: [...perType].map(([type, c]) => ({ type, ...c })).sort((a, b) => b.received - a.received),
    topEvents: top.map((r) => ({ type: String(r.type), name: String(r.name), count: num(r.count) })),
  };
}

/** Calls per source of the workspace. */
export async function readIngestBySource(workspaceId: string, w: RangeWindow) {
  const q = new Sql();
  const rows = await q.query<Raw>(
    `SELECT "sourceId",SUM("accepted") AS "accepted",SUM("rejected") AS "rejected" FROM "MetricIngest"
     WHERE ${where(q, { workspaceId }, w)} GROUP BY "sourceId"`,
  );
  return rows.map((r) => ({ sourceId: String(r.sourceId), ...ingestCounts(r) }));
}

export function windowFor(range: MetricRange, now?: Date) {
  const w = windowOf(range, now);
  return { w, meta: { range, from: iso(w.from), to: iso(w.to), stepMinutes: w.span } };
}
