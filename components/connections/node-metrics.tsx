"use client";
import type { DeliveryCounts, IngestCounts, Latency, WorkspaceMetricsDto } from "@/lib/metrics/types";
import { formatNumber } from "@/lib/format";
import { formatCompact, formatLatency, formatRate, plural } from "@/components/metrics/format";
import { DetailRows, MetricDetails } from "@/components/metrics/metric-details";

// The last 24 h of each source, destination and connection on the Connections page, in words; the details open
// on hover, focus or tap (components/metrics/metric-details.tsx).

export type ConnectionCounts = Omit<DeliveryCounts, "filtered">;

/** The workspace metrics keyed for the page: by source, destination and "source>destination". */
export function indexMetrics(m: WorkspaceMetricsDto | undefined) {
  return {
    sources: new Map(m?.sources.map((s) => [s.sourceId, s])),
    destinations: new Map(m?.destinations.map((d) => [d.destinationId, d])),
    connections: new Map(m?.connections.map((c) => [`${c.sourceId}>${c.destinationId}`, c])),
  };
}
export type MetricsIndex = ReturnType<typeof indexMetrics>;

const NO_CALLS: IngestCounts = { received: 0, accepted: 0, rejected: 0 };

export function SourceVolume({ name, counts = NO_CALLS }: { name: string; counts?: IngestCounts }) {
  const rate = formatRate(counts.rejected, counts.received);
  const summary =
    counts.received === 0
      ? "No calls in the last 24 h"
      : `${plural(counts.received, "call")} in 24 h · ${rate} rejected`;
  return (
    <MetricDetails summary={summary} label={`${name}: ${summary}`} testId="source-volume">
      <p className="mb-2 font-semibold text-slate-900">{name}, last 24 hours</p>
      <DetailRows
        rows={[
          ["Calls received", formatNumber(counts.received)],
          ["Accepted", formatNumber(counts.accepted)],
          ["Rejected", formatNumber(counts.rejected)],
          ["Rejection rate", rate ?? "—"],
        ]}
      />
    </MetricDetails>
  );
}

type DestinationCounts = DeliveryCounts & { latency: Latency };
const NO_DELIVERIES: DestinationCounts = {
  delivered: 0,
  failed: 0,
  dead: 0,
  retrying: 0,
  filtered: 0,
  latency: { p50: null, p95: null, count: 0 },
};

export function DestinationVolume({ name, counts = NO_DELIVERIES }: { name: string; counts?: DestinationCounts }) {
  const failed = counts.failed + counts.dead;
  const rate = formatRate(failed, counts.delivered + failed);
  const summary =
    counts.delivered + failed === 0
      ? counts.retrying > 0
        ? `${plural(counts.retrying, "retry", "retries")} pending in 24 h`
        : "Nothing delivered in the last 24 h"
      : `${formatNumber(counts.delivered)} delivered in 24 h · ${rate} failed`;
  return (
    <MetricDetails summary={summary} label={`${name}: ${summary}`} testId="destination-volume">
      <p className="mb-2 font-semibold text-slate-900">{name}, last 24 hours</p>
      <DetailRows
        rows={[
          ["Delivered", formatNumber(counts.delivered)],
          ["Failed", formatNumber(counts.failed)],
          ["Dead (retries exhausted)", formatNumber(counts.dead)],
          ["Retrying", formatNumber(counts.retrying)],
          ["Filtered", formatNumber(counts.filtered)],
          ["Error rate", rate ?? "—"],
          ["Latency p50", formatLatency(counts.latency.p50)],
          ["Latency p95", formatLatency(counts.latency.p95)],
        ]}
      />
    </MetricDetails>
  );
}

const NO_CONNECTION: ConnectionCounts = { delivered: 0, failed: 0, dead: 0, retrying: 0 };

/** A connection line's label: its delivered count, the rest in the details. */
export function ConnectionCount(props: {
  sourceName: string;
  destinationName: string;
  counts?: ConnectionCounts;
  className?: string;
}) {
  const c = props.counts ?? NO_CONNECTION;
  const failed = c.failed + c.dead;
  const label = `${props.sourceName} → ${props.destinationName}: ${formatNumber(c.delivered)} delivered in the last 24 h${failed ? `, ${formatNumber(failed)} failed` : ""}`;
  return (
    <MetricDetails
      summary={
        <>
          <span className="block">{formatCompact(c.delivered)} delivered</span>
          {failed > 0 && <span className="block text-red-700">{formatCompact(failed)} failed</span>}
        </>
      }
      label={label}
      testId="connection-count"
      className={props.className}
      side="top"
    >
      <p className="mb-2 font-semibold text-slate-900">
        {props.sourceName} → {props.destinationName}, last 24 hours
      </p>
      <DetailRows
        rows={[
          ["Delivered", formatNumber(c.delivered)],
          ["Failed", formatNumber(c.failed)],
          ["Dead (retries exhausted)", formatNumber(c.dead)],
          ["Retrying", formatNumber(c.retrying)],
          ["Error rate", formatRate(failed, c.delivered + failed) ?? "—"],
        ]}
      />
    </MetricDetails>
  );
}
