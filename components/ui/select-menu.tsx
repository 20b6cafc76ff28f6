"use client";
import * as SelectPrimitive from "@radix-ui/react-select";
import { cn } from "./cn";

export interface SelectMenuOption {
  /** "" is allowed (e.g. "All sources"). */
  value: string;
  label: string;
}

export interface SelectMenuProps {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectMenuOption[];
  "aria-label": string;
  disabled?: boolean;
  /** Width of the trigger, e.g. "w-40"; the list is at least as wide. */
  className?: string;
}

// Radix reserves "" for "no value"; an option meaning "all" is carried under this key instead.
const EMPTY = "\u0000all";

/**
 * A compact select for filters and toolbars on Radix: a styled combobox with a listbox that keeps to the screen,
 * typeahead, and the keyboard of a native select. Forms keep the native `Select` (react-hook-form registers it).
 */
export function SelectMenu({ value, onValueChange, options, disabled, className, ...props }: SelectMenuProps) {
  return (
    <SelectPrimitive.Root
      value={value === "" ? EMPTY : value}
      onValueChange={(v) => onValueChange(v === EMPTY ? "" : v)}
      disabled={disabled}
    >
      <SelectPrimitive.Trigger
        aria-label={props["aria-label"]}
        className={cn(
          "inline-flex h-9 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm",
          "text-slate-900 shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-hidden",
          "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 data-[state=open]:border-indigo-500",
          className,
        )}
      >
        <span className="truncate">
          <SelectPrimitive.Value />
        </span>
        <SelectPrimitive.Icon className="shrink-0 text-slate-400">
          <Chevron />
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Portal>
        <SelectPrimitive.Content
          position="popper"
          sideOffset={4}
          collisionPadding={8}
          className={cn(
            "z-50 max-h-[min(20rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)]",
            "max-w-[calc(100vw-1rem)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg",
          )}
        >
          <SelectPrimitive.Viewport className="p-1">
            {options.map((o) => (
              <SelectPrimitive.Item
                key={o.value}
                value={o.value === "" ? EMPTY : o.value}
                className={cn(
                  "relative flex cursor-pointer items-center rounded py-1.5 pr-2 pl-7 text-sm text-slate-700 outline-hidden",
                  "select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900",
                  "data-[state=checked]:font-medium",
                )}
              >
                <SelectPrimitive.ItemIndicator className="absolute left-2 text-indigo-600">
                  <Check />
                </SelectPrimitive.ItemIndicator>
                <SelectPrimitive.ItemText>{o.label}</SelectPrimitive.ItemText>
              </SelectPrimitive.Item>
            ))}
          </SelectPrimitive.Viewport>
        </SelectPrimitive.Content>
      </SelectPrimitive.Portal>
    </SelectPrimitive.Root>
  );
}

function Chevron() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
      <path
        fillRule="evenodd"
        d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function Check() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
