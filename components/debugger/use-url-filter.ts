"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { eventFilterSchema, type EventFilter } from "@/lib/schemas/events";

/** The filter keys the URL carries (a Data In tab's source is in its path instead). */
const KEYS = ["sourceId", "type", "event", "userId", "anonymousId", "identity", "q", "status", "from", "to"] as const;

/** The filter a query string describes; unknown or invalid parts are dropped, never an error. */
export function filterFromParams(params: URLSearchParams, fixed: EventFilter = {}): EventFilter {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const v = params.get(key);
    if (v) raw[key] = v;
  }
  const parsed = eventFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  return { ...filter, ...fixed };
}

/** The query string for a filter (fixed keys left out), other parameters kept. */
export function paramsFromFilter(filter: EventFilter, current: URLSearchParams, fixed: EventFilter = {}): string {
  const params = new URLSearchParams(current);
  for (const key of KEYS) {
    const v = filter[key];
    if (v && !(key in fixed)) params.set(key, v);
    else params.delete(key);
  }
  return params.toString();
}

/** The debugger's filters live in the URL: shareable, and a reload keeps them. */
export function useUrlFilter(fixed: EventFilter) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const fixedKey = JSON.stringify(fixed);
  const filter = useMemo(
    () => filterFromParams(new URLSearchParams(params.toString()), JSON.parse(fixedKey) as EventFilter),
    [params, fixedKey],
  );
  const setFilter = useCallback(
    (next: EventFilter | ((f: EventFilter) => EventFilter)) => {
      const current = new URLSearchParams(window.location.search);
      const base = filterFromParams(current, JSON.parse(fixedKey) as EventFilter);
      const value = typeof next === "function" ? next(base) : next;
      const query = paramsFromFilter(value, current, JSON.parse(fixedKey) as EventFilter);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, fixedKey],
  );
  return [filter, setFilter] as const;
}
