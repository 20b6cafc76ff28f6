"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { MetricRange } from "@/lib/metrics/range";
import type { DestinationMetricsDto, SourceMetricsDto, WorkspaceMetricsDto } from "@/lib/metrics/types";

// Every chart of a workspace sits under metricsKeys.all(ws): a Retry or a replay can refresh them all by prefix.
export const metricsKeys = {
  all: (ws: string) => ["ws", ws, "metrics"] as const,
  of: (ws: string, scope: string, id: string | undefined, range: MetricRange) =>
    [...metricsKeys.all(ws), scope, id ?? "", range] as const,
};

type ByScope = { destination: DestinationMetricsDto; source: SourceMetricsDto; workspace: WorkspaceMetricsDto };

/** The aggregates of one scope and range; refreshed every 30 s while the page is open (they change each minute). */
export function useMetrics<S extends keyof ByScope>(ws: string, scope: S, id: string | undefined, range: MetricRange) {
  const params = new URLSearchParams({ scope, range, ...(id ? { id } : {}) });
  return useQuery({
    queryKey: metricsKeys.of(ws, scope, id, range),
    queryFn: () => apiFetch<ByScope[S]>(`/api/workspaces/${ws}/metrics?${params}`),
    staleTime: 30_000,
    refetchInterval: 30_000,
    placeholderData: (previous) => previous,
  });
}
