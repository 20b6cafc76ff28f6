import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type {
  DeliveryAttemptDto,
  DeliveryDetailDto,
  DeliveryDto,
  DeliveryStatusName,
  DeliverySummaryDto,
  ListDeliveriesQuery,
} from "@/lib/schemas/deliveries";
import { DELIVERY_STATUSES } from "@/lib/schemas/deliveries";

// Delivery outcomes as Data Out and the dead-letter API read and change them. The worker writes them
// (lib/pipeline/outcomes.ts); here a person lists them, retries one or all failed ones, or discards them.

const select = {
  id: true,
  eventId: true,
  destinationId: true,
  actionId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  statusCode: true,
  latencyMs: true,
  replayId: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = {
  id: bigint;
  eventId: bigint;
  destinationId: string;
  actionId: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  replayId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function toDto(r: Row): DeliveryDto {
  return {
    ...r,
    id: String(r.id),
    eventId: String(r.eventId),
    status: r.status as DeliveryStatusName,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function parseJson<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Deliveries of the workspace, newest first, filtered; `nextCursor` pages on (null: the last page). */
export async function listDeliveries(
  workspaceId: string,
  query: ListDeliveriesQuery,
): Promise<{ deliveries: DeliveryDto[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const rows = await db.delivery.findMany({
    where: {
      workspaceId,
      ...(query.destinationId && { destinationId: query.destinationId }),
      ...(query.status && { status: query.status }),
      ...(query.eventId && { eventId: BigInt(query.eventId) }),
      ...(query.before && { id: { lt: BigInt(query.before) } }),
    },
    select,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    deliveries: page.map(toDto),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

function parseId(id: string): bigint {
  if (!/^\d+$/.test(id)) throw new AppError("not_found", "Delivery not found");
  return BigInt(id);
}

/** One delivery with every attempt's request and response, oldest attempt first. */
export async function getDelivery(workspaceId: string, id: string): Promise<DeliveryDetailDto> {
  const row = await db.delivery.findFirst({ where: { id: parseId(id), workspaceId }, select });
  if (!row) throw new AppError("not_found", "Delivery not found");
  const attempts = await db.deliveryAttempt.findMany({
    where: { workspaceId, eventId: row.eventId, actionId: row.actionId },
    select: {
      attempt: true,
      startedAt: true,
      durationMs: true,
      ok: true,
      statusCode: true,
      error: true,
      request: true,
      response: true,
    },
    orderBy: { id: "asc" },
  });
  const attemptLog: DeliveryAttemptDto[] = attempts.map((a) => ({
    ...a,
    startedAt: a.startedAt.toISOString(),
    request: parseJson(a.request),
    response: parseJson(a.response),
  }));
  return { ...toDto(row), attemptLog };
}

const RETRYABLE_BY_HAND = ["failed", "dead", "discarded", "retrying"];

/** Parks the delivery for an attempt now, with a fresh retry window; delivered ones are replayed instead. */
export async function retryDelivery(workspaceId: string, id: string): Promise<DeliveryDto> {
  const current = await db.delivery.findFirst({ where: { id: parseId(id), workspaceId }, select: { status: true } });
  if (!current) throw new AppError("not_found", "Delivery not found");
  if (!RETRYABLE_BY_HAND.includes(current.status)) {
    throw new AppError("conflict", "This delivery was delivered; replay its time range to send it again");
  }
  const now = new Date();
  const row = await db.delivery.update({
    where: { id: parseId(id) },
    data: { status: "retrying", nextAttemptAt: now, firstAttemptAt: now },
    select,
  });
  return toDto(row);
}

/** Every failed and dead delivery of the destination parked for an attempt now; returns how many. */
export async function retryFailedDeliveries(workspaceId: string, destinationId: string): Promise<number> {
  await assertDestination(workspaceId, destinationId);
  const now = new Date();
  const { count } = await db.delivery.updateMany({
    where: { workspaceId, destinationId, status: { in: ["failed", "dead"] } },
    data: { status: "retrying", nextAttemptAt: now, firstAttemptAt: now },
  });
  return count;
}

/** Gives up on a delivery that is not delivered: it is kept, marked discarded, and no longer retried. */
export async function discardDelivery(workspaceId: string, id: string): Promise<DeliveryDto> {
  const current = await db.delivery.findFirst({ where: { id: parseId(id), workspaceId }, select: { status: true } });
  if (!current) throw new AppError("not_found", "Delivery not found");
  if (current.status === "delivered") throw new AppError("conflict", "This delivery was delivered; nothing to discard");
  const row = await db.delivery.update({
    where: { id: parseId(id) },
    data: { status: "discarded", nextAttemptAt: null },
    select,
  });
  return toDto(row);
}

export async function assertDestination(workspaceId: string, destinationId: string) {
  const row = await db.destination.findFirst({
    where: { id: destinationId, workspaceId },
    select: { id: true, enabled: true, name: true },
  });
  if (!row) throw new AppError("not_found", "Destination not found");
  return row;
}

/** Counts by status and the filtered counts (per action) of one destination. */
export async function summarizeDeliveries(workspaceId: string, destinationId: string): Promise<DeliverySummaryDto> {
  await assertDestination(workspaceId, destinationId);
  const [groups, stats] = await Promise.all([
    db.delivery.groupBy({ by: ["status"], where: { workspaceId, destinationId }, _count: { _all: true } }),
    db.actionStat.groupBy({ by: ["actionId"], where: { workspaceId, destinationId }, _sum: { filtered: true } }),
  ]);
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatusName, number>;
  for (const g of groups) if (g.status in counts) counts[g.status as DeliveryStatusName] = g._count._all;
  const filteredByAction = Object.fromEntries(stats.map((s) => [s.actionId, s._sum.filtered ?? 0]));
  const filtered = Object.values(filteredByAction).reduce((a, b) => a + b, 0);
  return { destinationId, counts, filtered, filteredByAction };
}
