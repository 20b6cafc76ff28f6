import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeVariant = "neutral" | "success" | "warning" | "danger" | "info";

const badgeColors: Record<BadgeVariant, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/20",
  danger: "bg-red-50 text-red-700 ring-red-600/20",
  info: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
};

const dotColors: Record<BadgeVariant, string> = {
  neutral: "bg-slate-400",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
  info: "bg-indigo-500",
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  variant?: BadgeVariant;
}

export function Badge({ variant = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        badgeColors[variant],
        className,
      )}
      {...props}
    />
  );
}

export interface StatusDotProps extends HTMLAttributes<HTMLSpanElement> {
  variant?: BadgeVariant;
  /** Always read by screen readers; shown next to the dot only when `showLabel` is set. */
  label: string;
  showLabel?: boolean;
}

export function StatusDot({ variant = "neutral", label, showLabel = false, className, ...props }: StatusDotProps) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-sm text-slate-700", className)} {...props}>
      <span aria-hidden="true" className={cn("inline-block size-2 shrink-0 rounded-full", dotColors[variant])} />
      <span className={showLabel ? undefined : "sr-only"}>{label}</span>
    </span>
  );
}
