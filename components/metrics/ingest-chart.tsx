"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricRange } from "@/lib/metrics/range";
import type { IngestPoint } from "@/lib/metrics/types";
import { formatNumber } from "@/lib/format";
import { ChartBox, pointLabel, tickLabel, TONES } from "./chart-parts";

const axis = { fontSize: 11, fill: "#64748b" };

/** Calls received per point: accepted and rejected, stacked. */
export function IngestChart({
  series,
  range,
  stepMinutes,
}: {
  series: IngestPoint[];
  range: MetricRange;
  stepMinutes: number;
}) {
  return (
    <ChartBox label="Calls received over time">
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
          <Bar dataKey="accepted" name="Accepted" stackId="calls" fill={TONES.accepted} isAnimationActive={false} />
          <Bar dataKey="rejected" name="Rejected" stackId="calls" fill={TONES.rejected} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartBox>
  );
}
