import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import {
  readDeliveryBreakdown,
  readDeliveryMetrics,
  readIngestBySource,
  readIngestMetrics,
  readSourceDeliveries,
  windowFor,
} from "./read";
import type { MetricsDto, MetricsQuery } from "./types";

/** The metrics of one destination, one source or the whole workspace over the query's range. */
export async function getMetrics(workspaceId: string, query: MetricsQuery, now?: Date): Promise<MetricsDto> {
  const { w, meta } = windowFor(query.range, now);
  if (query.scope === "destination") {
    const id = query.id!;
    const found = await db.destination.findFirst({ where: { id, workspaceId }, select: { id: true } });
    if (!found) throw new AppError("not_found", "Destination not found");
    return { scope: "destination", id, ...meta, ...(await readDeliveryMetrics({ workspaceId, destinationId: id }, w)) };
  }
  if (query.scope === "source") {
    const id = query.id!;
    const found = await db.source.findFirst({ where: { id, workspaceId }, select: { id: true } });
    if (!found) throw new AppError("not_found", "Source not found");
    const [ingest, delivery] = await Promise.all([
      readIngestMetrics({ workspaceId, sourceId: id }, w),
      readSourceDeliveries(workspaceId, id, w),
    ]);
    return { scope: "source", id, ...meta, ...ingest, delivery };
  }
  const [delivery, ingest, sources, { latency, ...breakdown }] = await Promise.all([
    readDeliveryMetrics({ workspaceId }, w, { pointLatency: false, byAction: false }),
    readIngestMetrics({ workspaceId }, w),
    readIngestBySource(workspaceId, w),
    readDeliveryBreakdown(workspaceId, w),
  ]);
  return { scope: "workspace", ...meta, delivery: { ...delivery, latency }, ingest, sources, ...breakdown };
}
