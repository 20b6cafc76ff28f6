"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { MetricRange } from "@/lib/metrics/range";
import type { DeliveryPoint } from "@/lib/metrics/types";
import { formatNumber } from "@/lib/format";
import { ChartBox, pointLabel, tickLabel, TONES } from "./chart-parts";
import { formatLatency } from "./format";

const BARS = [
  { key: "delivered", name: "Delivered" },
  { key: "retrying", name: "Retrying" },
  { key: "failed", name: "Failed" },
  { key: "dead", name: "Dead" },
  { key: "filtered", name: "Filtered" },
] as const;

const axis = { fontSize: 11, fill: "#64748b" };

/** Outcomes over time, stacked per point. */
export function DeliveryChart({
  series,
  range,
  stepMinutes,
}: {
  series: DeliveryPoint[];
  range: MetricRange;
  stepMinutes: number;
}) {
  return (
    <ChartBox label="Delivery outcomes over time">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={series} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={tickLabel(range)} tick={axis} minTickGap={24} tickLine={false} />
          <YAxis allowDecimals={false} tick={axis} tickFormatter={formatNumber} tickLine={false} axisLine={false} />
          <Tooltip
            labelFormatter={(t) => pointLabel(String(t), stepMinutes)}
            formatter={(value) => formatNumber(Number(value))}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {BARS.map((b) => (
            <Bar
              key={b.key}
              dataKey={b.key}
              name={b.name}
              stackId="outcomes"
              fill={TONES[b.key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartBox>
  );
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
          <XAxis dataKey="t" tickFormatter={tickLabel(range)} tick={axis} minTickGap={24} tickLine={false} />
          <YAxis
            tick={axis}
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
