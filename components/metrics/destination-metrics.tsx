"use client";
import { useState } from "react";
import type { MetricRange } from "@/lib/metrics/range";
import { formatNumber } from "@/lib/format";
import { useDestination } from "@/lib/queries/destinations";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { CountList, StatTile, TONES } from "./chart-parts";
import { DeliveryChart, LatencyChart } from "./charts";
import { formatLatency, formatRate, RANGE_LABELS } from "./format";
import { RangePicker } from "./range-picker";
import { useMetrics } from "@/lib/queries/metrics";

/** A destination's outcomes over 1 h / 24 h / 7 days: counts, the chart, p50/p95 latency and the top errors. */
export function DestinationMetrics({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const [range, setRange] = useState<MetricRange>("24h");
  const { data, error, isPending } = useMetrics(workspaceId, "destination", destinationId, range);
  const { data: destination } = useDestination(workspaceId, destinationId);
  const actionName = (id: string) => destination?.actions.find((a) => a.id === id)?.name ?? "A deleted action";
  const totals = data?.totals;
  const finished = totals ? totals.delivered + totals.failed + totals.dead : 0;
  const failRate = totals ? formatRate(totals.failed + totals.dead, finished) : null;
  return (
    <Card data-testid="destination-metrics">
      <CardHeader
        title="Deliveries"
        description={`What its actions did with the events of the last ${RANGE_LABELS[range]}, and how long events took from being received to being delivered.`}
        actions={<RangePicker value={range} onChange={setRange} />}
      />
      <CardBody className="space-y-5">
        {isPending ? (
          <Spinner label="Loading the delivery metrics" />
        ) : error ? (
          <p className="text-sm text-red-700">Could not load the delivery metrics: {error.message}</p>
        ) : (
          <>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
              <StatTile
                label="Delivered"
                value={data.totals.delivered}
                tone={TONES.delivered}
                testId="metric-delivered"
              />
              <StatTile label="Failed" value={data.totals.failed} tone={TONES.failed} testId="metric-failed" />
              <StatTile
                label="Dead"
                value={data.totals.dead}
                tone={TONES.dead}
                testId="metric-dead"
                hint="retries exhausted"
              />
              <StatTile
                label="Retrying"
                value={data.totals.retrying}
                tone={TONES.retrying}
                testId="metric-retrying"
                hint="attempts to retry"
              />
              <StatTile
                label="Filtered"
                value={data.totals.filtered}
                tone={TONES.filtered}
                testId="metric-filtered"
                hint="not taken: trigger, integrations"
              />
            </div>
            <p className="text-sm text-slate-600" data-testid="metric-summary">
              {finished === 0
                ? `Nothing delivered or failed in the last ${RANGE_LABELS[range]}.`
                : `${failRate} of finished deliveries failed in the last ${RANGE_LABELS[range]}.`}
            </p>
            <DeliveryChart series={data.series} range={range} stepMinutes={data.stepMinutes} />
            {data.actions.length > 1 && (
              <section className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">Delivered, by action</h3>
                <CountList
                  testId="metric-by-action"
                  empty=""
                  items={data.actions.map((a) => ({
                    key: a.actionId,
                    label: actionName(a.actionId),
                    count: a.delivered,
                    detail: `${formatNumber(a.failed + a.dead)} failed · ${formatNumber(a.retrying)} retrying · ${formatNumber(a.filtered)} filtered`,
                  }))}
                />
              </section>
            )}
            <div className="grid gap-5 lg:grid-cols-2">
              <section className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">Latency, received → delivered</h3>
                <div className="grid grid-cols-2 gap-2">
                  <StatTile label="p50" value={formatLatency(data.latency.p50)} tone={TONES.p50} testId="metric-p50" />
                  <StatTile label="p95" value={formatLatency(data.latency.p95)} tone={TONES.p95} testId="metric-p95" />
                </div>
                {data.latency.count > 0 && (
                  <LatencyChart series={data.series} range={range} stepMinutes={data.stepMinutes} />
                )}
              </section>
              <section className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">Top errors</h3>
                <CountList
                  testId="metric-top-errors"
                  empty="No errors in this range."
                  items={data.topErrors.map((e) => ({
                    key: `${e.actionId}:${e.message}`,
                    label: e.message,
                    detail: actionName(e.actionId),
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
