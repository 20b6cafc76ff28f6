"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricRange } from "@/lib/metrics/range";
import type { DeliveryPoint, IngestPoint } from "@/lib/metrics/types";
import { AXIS, ChartBox, pointLabel, tickLabel, TONES } from "./chart-parts";
import { StackedBarChart } from "./stacked-bar-chart";
import { formatLatency } from "./format";

const OUTCOME_BARS = [
  { key: "delivered", name: "Delivered" },
  { key: "retrying", name: "Retrying" },
  { key: "failed", name: "Failed" },
  { key: "dead", name: "Dead" },
  { key: "filtered", name: "Filtered" },
] as const;

const CALL_BARS = [
  { key: "accepted", name: "Accepted" },
  { key: "rejected", name: "Rejected" },
] as const;

/** Calls received per point: accepted and rejected, stacked. */
export function IngestChart(props: { series: IngestPoint[]; range: MetricRange; stepMinutes: number }) {
  return <StackedBarChart label="Calls received over time" bars={CALL_BARS} {...props} />;
}

/** Outcomes over time, stacked per point. */
export function DeliveryChart(props: { series: DeliveryPoint[]; range: MetricRange; stepMinutes: number }) {
  return <StackedBarChart label="Delivery outcomes over time" bars={OUTCOME_BARS} {...props} />;
}

/** p50 and p95 end-to-end latency per point (gaps where nothing was delivered). */
export function LatencyChart({
  series,
  range,
  stepMinutes,
}: {
  series: DeliveryPoint[];
  range: MetricRange;
  stepMinutes: number;
}) {
  return (
    <ChartBox label="Latency from received to delivered, p50 and p95" className="h-40">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={tickLabel(range)} tick={AXIS} minTickGap={24} tickLine={false} />
          <YAxis
            tick={AXIS}
            tickFormatter={(v) => formatLatency(Number(v))}
            tickLine={false}
            axisLine={false}
            width={56}
          />
          <Tooltip
            labelFormatter={(t) => pointLabel(String(t), stepMinutes)}
            formatter={(value) => formatLatency(value === null || value === undefined ? null : Number(value))}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Line dataKey="p50" name="p50" stroke={TONES.p50} dot={{ r: 2 }} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="p95" name="p95" stroke={TONES.p95} dot={{ r: 2 }} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartBox>
  );
}
