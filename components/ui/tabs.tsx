"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "./cn";

export interface TabItem {
  id: string;
  label: string;
  /** When set the tab is a route link; without `value`, the active tab follows the current path. */
  href?: string;
}

export interface TabsProps {
  tabs: TabItem[];
  /** Controlled selection. */
  value?: string;
  /** Initial selection when uncontrolled; defaults to the first tab. Link tabs ignore it and follow the path. */
  defaultValue?: string;
  onChange?: (id: string) => void;
  "aria-label"?: string;
  className?: string;
}

function findPathMatch(tabs: TabItem[], pathname: string): string | undefined {
  // Longest href wins so ".../sources" does not swallow ".../sources/new".
  const matches = tabs.filter((t) => t.href && (pathname === t.href || pathname.startsWith(`${t.href}/`)));
  return matches.sort((a, b) => (b.href?.length ?? 0) - (a.href?.length ?? 0))[0]?.id;
}

export function Tabs({ tabs, value, defaultValue, onChange, className, ...props }: TabsProps) {
  const pathname = usePathname();
  const [internal, setInternal] = useState(defaultValue);
  const listRef = useRef<HTMLDivElement>(null);
  // Link tabs follow the URL (back/forward included); button tabs follow local state.
  const active = value ?? findPathMatch(tabs, pathname) ?? internal ?? tabs[0]?.id;

  // On a narrow screen the list scrolls sideways: keep the selected tab in sight (not cut off at the edge).
  useEffect(() => {
    const list = listRef.current;
    const tab = list?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!list || !tab) return;
    const start = tab.getBoundingClientRect().left - list.getBoundingClientRect().left + list.scrollLeft;
    if (start < list.scrollLeft || start + tab.offsetWidth > list.scrollLeft + list.clientWidth)
      list.scrollTo({ left: Math.max(0, start - 16) });
  }, [active]);

  function select(tab: TabItem) {
    if (value === undefined && !tab.href) setInternal(tab.id);
    onChange?.(tab.id);
  }

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Home/End jump to the ends.
  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (index === -1) return;
    const next: Record<string, number> = {
      ArrowRight: (index + 1) % items.length,
      ArrowLeft: (index - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    items[next[event.key]]?.focus();
  }

  return (
    <div
      ref={listRef}
      role="tablist"
      onKeyDown={handleKeyDown}
      className={cn("flex gap-6 overflow-x-auto border-b", className)}
      {...props}
    >
      {tabs.map((tab) => {
        const isSelected = tab.id === active;
        const common = {
          role: "tab",
          "aria-selected": isSelected,
          tabIndex: isSelected ? 0 : -1,
          className: cn(
            "-mb-px whitespace-nowrap border-b-2 px-1 py-2.5 text-sm font-medium transition-colors",
            "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
            isSelected
              ? "border-indigo-600 text-indigo-600"
              : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
          ),
        } as const;
        return tab.href ? (
          <Link key={tab.id} href={tab.href} onClick={() => select(tab)} {...common}>
            {tab.label}
          </Link>
        ) : (
          <button key={tab.id} type="button" onClick={() => select(tab)} {...common}>
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
