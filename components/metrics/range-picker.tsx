"use client";
import { METRIC_RANGES, type MetricRange } from "@/lib/metrics/range";
import { cn } from "@/components/ui/cn";

const LABELS: Record<MetricRange, string> = { "1h": "1 h", "24h": "24 h", "7d": "7 d" };

/** 1 h / 24 h / 7 d as a segmented control (toggle buttons: Tab reaches each, Enter or Space picks it). */
export function RangePicker({ value, onChange }: { value: MetricRange; onChange: (range: MetricRange) => void }) {
  return (
    <div
      role="group"
      aria-label="Time range"
      className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5"
    >
      {METRIC_RANGES.map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={value === range}
          onClick={() => onChange(range)}
          className={cn(
            "min-h-8 rounded px-3 text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500",
            value === range && "bg-white text-slate-900 shadow-xs",
          )}
        >
          {LABELS[range]}
        </button>
      ))}
    </div>
  );
}
