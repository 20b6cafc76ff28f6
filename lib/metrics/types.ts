import { z } from "zod";
import { METRIC_RANGES, type MetricRange } from "./range";

// The metrics API's query and answers (isomorphic: the route, the charts and the tests share them).

export const metricsQuerySchema = z
  .object({
    scope: z.enum(["destination", "source", "workspace"]),
    id: z.string().min(1).max(100).optional(),
    range: z.enum(METRIC_RANGES).default("24h"),
  })
  .refine((q) => q.scope === "workspace" || q.id, { message: "id is required for this scope", path: ["id"] });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export interface DeliveryCounts {
  delivered: number;
  failed: number;
  dead: number;
  retrying: number;
  filtered: number;
}
export interface Latency {
  /** Milliseconds, received → delivered; null when nothing was delivered in the range. */
  p50: number | null;
  p95: number | null;
  /** Delivered outcomes with a latency. */
  count: number;
}
export interface DeliveryPoint extends DeliveryCounts {
  /** The point's start (ISO); it covers `stepMinutes`. */
  t: string;
  p50: number | null;
  p95: number | null;
}
export interface TopError {
  message: string;
  count: number;
  destinationId: string;
  actionId: string;
}
export interface DeliveryMetrics {
  series: DeliveryPoint[];
  totals: DeliveryCounts;
  latency: Latency;
  topErrors: TopError[];
  /** Per action (destination scope; empty for the workspace). */
  actions: (DeliveryCounts & { actionId: string })[];
}

export interface IngestCounts {
  /** Every call stored: accepted + rejected. */
  received: number;
  accepted: number;
  rejected: number;
}
export interface IngestPoint extends IngestCounts {
  t: string;
}
export interface IngestMetrics {
  series: IngestPoint[];
  totals: IngestCounts;
  byType: (IngestCounts & { type: string })[];
  topEvents: { type: string; name: string; count: number }[];
}

interface Window {
  range: MetricRange;
  from: string;
  to: string;
  stepMinutes: number;
}

export type DestinationMetricsDto = Window & { scope: "destination"; id: string } & DeliveryMetrics;
export type SourceMetricsDto = Window & { scope: "source"; id: string } & IngestMetrics & {
    /** What the source's events became at its destinations (filtered ones are not attributed to a source). */
    delivery: Omit<DeliveryCounts, "filtered">;
  };
export type WorkspaceMetricsDto = Window & {
  scope: "workspace";
  delivery: DeliveryMetrics;
  ingest: IngestMetrics;
  sources: (IngestCounts & { sourceId: string })[];
  destinations: (DeliveryCounts & { destinationId: string; latency: Latency })[];
  connections: (Omit<DeliveryCounts, "filtered"> & { sourceId: string; destinationId: string })[];
};
export type MetricsDto = DestinationMetricsDto | SourceMetricsDto | WorkspaceMetricsDto;
