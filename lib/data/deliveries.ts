import "server-only";
import { AppError } from "@/lib/api/errors";
import { db, getDbKind } from "@/lib/db";
import type {
  DeliveryAttemptDto,
  DeliveryDetailDto,
  DeliveryDto,
  DeliveryEventDto,
  DeliveryStatusName,
  DeliverySummaryDto,
  ListDeliveriesQuery,
} from "@/lib/schemas/deliveries";
import { DELIVERY_STATUSES } from "@/lib/schemas/deliveries";
import { announceOutcomes } from "@/lib/eventlog/outcome-bus";

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

/** Events a Data Out search names (newest first, bounded): by event name (case-insensitive substring, as
 *  SQLite's LIKE is for ASCII and the debugger's `q` is), userId or messageId. */
async function searchEventIds(workspaceId: string, q: string): Promise<bigint[]> {
  const name = getDbKind() === "postgresql" ? { contains: q, mode: "insensitive" as const } : { contains: q };
  const rows = await db.event.findMany({
    where: { workspaceId, OR: [{ name }, { userId: q }, { messageId: q }] },
    select: { id: true },
    orderBy: { id: "desc" },
    take: SEARCH_EVENTS,
  });
  return rows.map((r) => r.id);
}
const SEARCH_EVENTS = 1000;

async function eventsById(workspaceId: string, ids: bigint[]): Promise<Map<string, DeliveryEventDto>> {
  if (ids.length === 0) return new Map();
  const rows = await db.event.findMany({
    where: { workspaceId, id: { in: [...new Set(ids)] } },
    select: { id: true, type: true, name: true, userId: true, anonymousId: true, messageId: true, receivedAt: true },
  });
  return new Map(rows.map(({ id, receivedAt, ...e }) => [String(id), { ...e, receivedAt: receivedAt.toISOString() }]));
}

/** Deliveries of the workspace, newest first, filtered, each with its event's names; `nextCursor` pages on
 *  (null: the last page). */
export async function listDeliveries(
  workspaceId: string,
  query: ListDeliveriesQuery,
): Promise<{ deliveries: DeliveryDto[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const matching = query.q === undefined ? undefined : await searchEventIds(workspaceId, query.q);
  if (matching?.length === 0) return { deliveries: [], nextCursor: null };
  const eventIds = query.eventId ? [BigInt(query.eventId)] : matching;
  const rows = await db.delivery.findMany({
    where: {
      workspaceId,
      ...(query.destinationId && { destinationId: query.destinationId }),
      ...(query.status && { status: query.status }),
      ...(eventIds && { eventId: { in: eventIds } }),
      ...(query.before && { id: { lt: BigInt(query.before) } }),
      ...((query.from || query.to) && {
        createdAt: { ...(query.from && { gte: new Date(query.from) }), ...(query.to && { lte: new Date(query.to) }) },
      }),
    },
    select,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const events = await eventsById(
    workspaceId,
    page.map((r) => r.eventId),
  );
  return {
    deliveries: page.map((r) => ({ ...toDto(r), event: events.get(String(r.eventId)) ?? null })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

/** Every delivery of these events as it is now (the outcome updates pushed to the debugger). */
export async function listDeliveriesOfEvents(workspaceId: string, eventIds: string[]): Promise<DeliveryDto[]> {
  const ids = eventIds.filter((id) => /^\d+$/.test(id)).map((id) => BigInt(id));
  if (ids.length === 0) return [];
  const rows = await db.delivery.findMany({ where: { workspaceId, eventId: { in: ids } }, select });
  return rows.map(toDto);
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
  announceOutcomes(workspaceId, [String(row.eventId)]);
  return toDto(row);
}

/** Every failed and dead delivery of the destination parked for an attempt now; returns how many. */
export async function retryFailedDeliveries(workspaceId: string, destinationId: string): Promise<number> {
  await assertDestination(workspaceId, destinationId);
  const now = new Date();
  const where = { workspaceId, destinationId, status: { in: ["failed", "dead"] } };
  // Which events to announce to open debuggers (the newest ones; the rest show on their next read).
  const announce = await db.delivery.findMany({ where, select: { eventId: true }, orderBy: { id: "desc" }, take: 2000 });
  const { count } = await db.delivery.updateMany({
    where,
    data: { status: "retrying", nextAttemptAt: now, firstAttemptAt: now },
  });
  if (count) announceOutcomes(workspaceId, announce.map((r) => String(r.eventId)));
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
  announceOutcomes(workspaceId, [String(row.eventId)]);
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
