"use client";
import { useRef, useState, type ReactNode } from "react";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { cn } from "@/components/ui/cn";

/**
 * A line of words (the summary, always visible) that shows its details in a popover: on hover with a mouse, on
 * keyboard focus, and on tap or click (touch has no hover). Escape or a tap elsewhere closes it; focus stays on
 * the trigger, so tabbing along a list reads one summary after the other.
 */
export function MetricDetails(props: {
  summary: ReactNode;
  /** Says the summary and its details in one sentence, for screen readers. */
  label: string;
  children: ReactNode;
  className?: string;
  testId?: string;
  side?: "top" | "right" | "bottom" | "left";
}) {
  const [open, setOpen] = useState(false);
  const byPointer = useRef(false);
  const pointerType = useRef<string>("");
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelClose = () => {
    if (closeTimer.current) clearTimeout(closeTimer.current);
    closeTimer.current = null;
  };
  const closeSoon = () => {
    cancelClose();
    closeTimer.current = setTimeout(() => setOpen(false), 150);
  };
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger
        type="button"
        aria-label={props.label}
        data-testid={props.testId}
        className={cn(
          "rounded text-left text-xs text-slate-600 underline decoration-slate-300 decoration-dotted underline-offset-2",
          "hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500",
          props.className,
        )}
        onPointerEnter={(e) => {
          if (e.pointerType !== "mouse") return;
          cancelClose();
          setOpen(true);
        }}
        onPointerLeave={(e) => e.pointerType === "mouse" && closeSoon()}
        onPointerDown={(e) => {
          byPointer.current = true;
          pointerType.current = e.pointerType;
        }}
        onClick={(e) => {
          // A tap toggles; a mouse click or Enter on an already open (hovered, focused) summary keeps it open.
          if (pointerType.current === "touch" || pointerType.current === "pen") return;
          e.preventDefault();
          setOpen(true);
        }}
        onKeyDown={() => (pointerType.current = "")}
        onFocus={() => {
          if (!byPointer.current) setOpen(true); // a tap focuses too: let its click toggle instead
          byPointer.current = false;
        }}
        onBlur={closeSoon}
      >
        {props.summary}
      </PopoverTrigger>
      <PopoverContent
        side={props.side ?? "bottom"}
        className="w-64 p-3 text-xs"
        onOpenAutoFocus={(e) => e.preventDefault()}
        onCloseAutoFocus={(e) => e.preventDefault()}
        onPointerEnter={cancelClose}
        onPointerLeave={(e) => e.pointerType === "mouse" && closeSoon()}
        role="tooltip"
        data-testid={props.testId ? `${props.testId}-details` : undefined}
      >
        {props.children}
      </PopoverContent>
    </Popover>
  );
}

/** Label / value rows inside a MetricDetails popover. */
export function DetailRows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="text-right font-medium text-slate-900 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
