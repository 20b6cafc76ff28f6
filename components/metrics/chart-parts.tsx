"use client";
import type { ReactNode } from "react";
import type { MetricRange } from "@/lib/metrics/range";
import { formatNumber } from "@/lib/format";
import { cn } from "@/components/ui/cn";

// Pieces the metric cards share: the time axis's labels, stat tiles, and the chart box.

const minuteFormat = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hour12: false });
const dayFormat = new Intl.DateTimeFormat("en", { weekday: "short", hour: "2-digit", hour12: false });
const fullFormat = new Intl.DateTimeFormat("en", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** The x axis label of a point: its time for 1 h and 24 h, day and hour for 7 days. */
export function tickLabel(range: MetricRange) {
  return (iso: string) => (range === "7d" ? dayFormat : minuteFormat).format(new Date(iso));
}

/** A tooltip's heading: the point's span ("Tue 1 Dec, 11:00 – 12:00"). */
export function pointLabel(iso: string, stepMinutes: number): string {
  const start = new Date(iso);
  const end = new Date(start.getTime() + stepMinutes * 60_000);
  return `${fullFormat.format(start)} – ${minuteFormat.format(end)}`;
}

/** The axes' tick text. */
export const AXIS = { fontSize: 11, fill: "#64748b" };

export const TONES = {
  delivered: "#16a34a",
  retrying: "#f59e0b",
  failed: "#dc2626",
  dead: "#7f1d1d",
  filtered: "#94a3b8",
  accepted: "#6366f1",
  rejected: "#dc2626",
  p50: "#6366f1",
  p95: "#a855f7",
} as const;

export function StatTile(props: { label: string; value: ReactNode; hint?: ReactNode; tone?: string; testId?: string }) {
  return (
    <div className="min-w-0 rounded-md border border-slate-200 px-3 py-2">
      <div className="flex items-center gap-1.5 text-xs text-slate-500">
        {props.tone && (
          <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: props.tone }} />
        )}
        <span className="truncate">{props.label}</span>
      </div>
      <div className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums" data-testid={props.testId}>
        {typeof props.value === "number" ? formatNumber(props.value) : props.value}
      </div>
      {props.hint && <div className="line-clamp-2 text-xs text-slate-500">{props.hint}</div>}
    </div>
  );
}

/** A fixed-height box a ResponsiveContainer fills; `label` names the chart for screen readers. */
export function ChartBox({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <figure className={cn("h-48 w-full min-w-0", className)} aria-label={label}>
      {children}
    </figure>
  );
}

/** A ranked list with counts (top errors, top events, types). */
export function CountList(props: {
  items: { key: string; label: ReactNode; count: number; detail?: ReactNode }[];
  empty: string;
  testId?: string;
}) {
  if (props.items.length === 0) return <p className="text-sm text-slate-500">{props.empty}</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm" data-testid={props.testId}>
      {props.items.map((item) => (
        <li key={item.key} className="flex items-start justify-between gap-3 py-1.5">
          <span className="min-w-0 break-words text-slate-700">
            {item.label}
            {item.detail && <span className="block text-xs text-slate-500">{item.detail}</span>}
          </span>
          <span className="shrink-0 font-medium text-slate-900 tabular-nums">{formatNumber(item.count)}</span>
        </li>
      ))}
    </ol>
  );
}
