"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricRange } from "@/lib/metrics/range";
import { formatNumber } from "@/lib/format";
import { AXIS, ChartBox, pointLabel, tickLabel, TONES } from "./chart-parts";

export interface StackedBar {
  key: keyof typeof TONES;
  name: string;
}

/** Counts over time, one stacked bar per point (delivery outcomes, calls received). */
export function StackedBarChart<P extends { t: string }>({
  label,
  series,
  bars,
  range,
  stepMinutes,
}: {
  label: string;
  series: P[];
  bars: readonly StackedBar[];
  range: MetricRange;
  stepMinutes: number;
}) {
  return (
    <ChartBox label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={series} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={tickLabel(range)} tick={AXIS} minTickGap={24} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} tickFormatter={formatNumber} tickLine={false} axisLine={false} />
          <Tooltip
            labelFormatter={(t) => pointLabel(String(t), stepMinutes)}
            formatter={(value) => formatNumber(Number(value))}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {bars.map((b) => (
            <Bar
              key={b.key}
              dataKey={b.key}
              name={b.name}
              stackId="counts"
              fill={TONES[b.key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartBox>
  );
}
