import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { eventRangeOf, newestVisibleEventId } from "@/lib/pipeline/events";
import { readBigInt, Sql } from "@/lib/pipeline/sql";
import type { CreateReplayInput, ReplayJobDto, ResumeInput, ResumePreviewDto } from "@/lib/schemas/deliveries";
import { assertDestination } from "./deliveries";

// Replays (a time range of stored events through a destination's routing and actions again, by the worker that
// holds the destination) and resuming a destination that was off: deliver its backlog, or start from now.

const select = {
  id: true,
  destinationId: true,
  actionId: true,
  fromTime: true,
  toTime: true,
  status: true,
  total: true,
  processed: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

type JobRow = {
  id: string;
  destinationId: string;
  actionId: string | null;
  fromTime: Date;
  toTime: Date;
  status: string;
  total: number;
  processed: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

function toDto(r: JobRow): ReplayJobDto {
  const progress = r.status === "done" || r.total === 0 ? 100 : Math.min(99, Math.floor((r.processed / r.total) * 100));
  return {
    id: r.id,
    destinationId: r.destinationId,
    actionId: r.actionId,
    from: r.fromTime.toISOString(),
    to: r.toTime.toISOString(),
    status: r.status as ReplayJobDto["status"],
    total: r.total,
    processed: Math.min(r.processed, r.total),
    progress,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function sourceIdsOf(workspaceId: string, destinationId: string): Promise<string[]> {
  const rows = await db.connection.findMany({ where: { workspaceId, destinationId }, select: { sourceId: true } });
  return rows.map((r) => r.sourceId);
}

/** Starts a replay of the destination's sources' events received in [from, to] (to: now when left out). */
export async function createReplay(
  workspaceId: string,
  destinationId: string,
  input: CreateReplayInput,
): Promise<ReplayJobDto> {
  await assertDestination(workspaceId, destinationId);
  if (input.actionId) {
    const action = await db.action.findFirst({
      where: { id: input.actionId, destinationId, workspaceId },
      select: { id: true },
    });
    if (!action) throw new AppError("validation_failed", "Some fields are invalid", { fields: { actionId: ["This destination has no such action"] } });
  }
  const from = new Date(input.from);
  const to = input.to ? new Date(input.to) : new Date();
  const range = await eventRangeOf(workspaceId, await sourceIdsOf(workspaceId, destinationId), from, to);
  const isEmpty = range.total === 0;
  const row = await db.replayJob.create({
    data: {
      workspaceId,
      destinationId,
      actionId: input.actionId ?? null,
      fromTime: from,
      toTime: to,
      firstId: range.firstId,
      lastId: range.lastId,
      position: isEmpty ? range.lastId : range.firstId - 1n,
      total: range.total,
      status: isEmpty ? "done" : "running",
      finishedAt: isEmpty ? new Date() : null,
    },
    select,
  });
  return toDto(row);
}

export async function getReplay(workspaceId: string, destinationId: string, replayId: string): Promise<ReplayJobDto> {
  const row = await db.replayJob.findFirst({ where: { id: replayId, workspaceId, destinationId }, select });
  if (!row) throw new AppError("not_found", "Replay not found");
  return toDto(row);
}

export async function listReplays(workspaceId: string, destinationId: string): Promise<ReplayJobDto[]> {
  await assertDestination(workspaceId, destinationId);
  const rows = await db.replayJob.findMany({
    where: { workspaceId, destinationId },
    select,
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return rows.map(toDto);
}

async function cursorPosition(destinationId: string): Promise<bigint | null> {
  const row = await db.deliveryCursor.findUnique({ where: { destinationId }, select: { position: true } });
  return row ? readBigInt(row.position) : null;
}

/** What resuming would deliver: the accepted events of its sources past its cursor. */
export async function previewResume(workspaceId: string, destinationId: string): Promise<ResumePreviewDto> {
  const destination = await assertDestination(workspaceId, destinationId);
  const position = await cursorPosition(destinationId);
  const sourceIds = await sourceIdsOf(workspaceId, destinationId);
  if (position === null || sourceIds.length === 0) return { enabled: destination.enabled, backlog: 0 };
  const q = new Sql();
  const rows = await q.query<{ n: unknown }>(
    `SELECT count(*) AS "n" FROM "Event" WHERE "id" > ${q.v(position, "bigint")} AND "status" = 'accepted'
       AND "sourceId" IN (${q.list(sourceIds)})`,
  );
  return { enabled: destination.enabled, backlog: Number(rows[0]?.n ?? 0) };
}

/** Turns the destination on: "backlog" delivers from its cursor, "now" moves the cursor to the newest event. */
export async function resumeDestination(
  workspaceId: string,
  destinationId: string,
  input: ResumeInput,
): Promise<ResumePreviewDto> {
  await assertDestination(workspaceId, destinationId);
  if (input.mode === "now") {
    const newest = await newestVisibleEventId();
    await db.deliveryCursor.upsert({
      where: { destinationId },
      create: { destinationId, workspaceId, position: newest },
      update: { position: newest },
    });
  }
  await db.destination.update({ where: { id: destinationId }, data: { enabled: true, configVersion: { increment: 1 } } });
  return previewResume(workspaceId, destinationId);
}
