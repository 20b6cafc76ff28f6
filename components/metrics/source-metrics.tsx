"use client";
import { useState } from "react";
import type { MetricRange } from "@/lib/metrics/range";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { CountList, StatTile, TONES } from "./chart-parts";
import { formatRate, plural, RANGE_LABELS } from "./format";
import { IngestChart } from "./charts";
import { RangePicker } from "./range-picker";
import { useMetrics } from "@/lib/queries/metrics";

/** A source's calls over 1 h / 24 h / 7 days: received and rejected, by type, and its top event names. */
export function SourceMetrics({ workspaceId, sourceId }: { workspaceId: string; sourceId: string }) {
  const [range, setRange] = useState<MetricRange>("24h");
  const { data, error, isPending } = useMetrics(workspaceId, "source", sourceId, range);
  return (
    <Card data-testid="source-metrics">
      <CardHeader
        title="Calls received"
        description={`Every call this source sent in the last ${RANGE_LABELS[range]}, accepted or rejected, counted a few seconds after it arrives.`}
        actions={<RangePicker value={range} onChange={setRange} />}
      />
      <CardBody className="space-y-5">
        {isPending ? (
          <Spinner label="Loading the source's metrics" />
        ) : error ? (
          <p className="text-sm text-red-700">Could not load the source&apos;s metrics: {error.message}</p>
        ) : (
          <>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              <StatTile label="Received" value={data.totals.received} testId="metric-received" />
              <StatTile label="Accepted" value={data.totals.accepted} tone={TONES.accepted} testId="metric-accepted" />
              <StatTile
                label="Rejected"
                value={data.totals.rejected}
                tone={TONES.rejected}
                testId="metric-rejected"
                hint={formatRate(data.totals.rejected, data.totals.received) ?? undefined}
              />
              <StatTile
                label="Delivered"
                value={data.delivery.delivered}
                tone={TONES.delivered}
                testId="metric-source-delivered"
                hint={
                  data.delivery.failed + data.delivery.dead > 0
                    ? `${data.delivery.failed + data.delivery.dead} failed`
                    : "to its destinations"
                }
              />
            </div>
            <IngestChart series={data.series} range={range} stepMinutes={data.stepMinutes} />
            <div className="grid gap-5 lg:grid-cols-2">
              <section className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">By type</h3>
                <CountList
                  testId="metric-by-type"
                  empty="No calls in this range."
                  items={data.byType.map((t) => ({
                    key: t.type,
                    label: t.type,
                    count: t.received,
                    detail: t.rejected > 0 ? `${plural(t.rejected, "rejected call")}` : undefined,
                  }))}
                />
              </section>
              <section className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">Top events</h3>
                <CountList
                  testId="metric-top-events"
                  empty="No named events (track, page or screen calls) in this range."
                  items={data.topEvents.map((e) => ({
                    key: `${e.type}:${e.name}`,
                    label: e.name,
                    detail: e.type || undefined,
                    count: e.count,
                  }))}
                />
              </section>
            </div>
          </>
        )}
      </CardBody>
    </Card>
  );
}
