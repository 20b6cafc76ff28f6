import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/pg/client";
import { AppError } from "@/lib/api/errors";
import { getInAppSiteId } from "@/lib/data/tracking-keys";
import { getSettings } from "@/lib/data/settings";
import { trackingKeyIdOf } from "@/lib/data/tracking-key-sources";
import { renderSnippets, type Snippet } from "@/lib/sources";
import type { CreateSourceInput, UpdateSourceInput } from "@/lib/schemas/sources";
import type { Actor } from "@/lib/api/handler";
import { invalidateWriteKey } from "@/lib/ingest";
import { connectToJourneys } from "@/lib/people/provision";
import { recordAudit, type AuditAction } from "./audit";

type Tx = Prisma.TransactionClient;

// Sources: where data comes from. The write key is a public identifier (it ships in web pages and apps), so
// it is stored as is and shown to every member; rotating it is the way to stop a leaked key. Each change is
// recorded in the audit log in its own transaction; once committed, this process's ingest cache forgets the
// write keys it touched (other processes within 5 s), so ingest answers by the change from the next call on.

export type SourceDto = {
  id: string;
  type: string;
  name: string;
  writeKey: string;
  enabled: boolean;
  inAppSiteKeyId: string | null;
  /** The tracking key whose Track API calls this source stores ("Journeys API — <key name>"); null for others. */
  trackingKeyId: string | null;
  firstEventAt: string | null;
  /** The source's own ingest rate limit (calls per window; 0: none); null: the server's default. */
  rateLimit: number | null;
  rateLimitWindowSeconds: number | null;
  /** Calls refused with 429 by the rate limit (added up about once a second) and the last one's time. */
  limitedCalls: number;
  lastLimitedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const select = {
  id: true,
  type: true,
  name: true,
  writeKey: true,
  enabled: true,
  inAppSiteKeyId: true,
  settings: true,
  firstEventAt: true,
  rateLimit: true,
  rateLimitWindowSeconds: true,
  limitedCalls: true,
  lastLimitedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Prisma.SourceGetPayload<{ select: typeof select }>;

function toDto({ settings, ...row }: Row): SourceDto {
  return {
    ...row,
    trackingKeyId: trackingKeyIdOf({ type: row.type, settings }),
    firstEventAt: row.firstEventAt?.toISOString() ?? null,
    lastLimitedAt: row.lastLimitedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** 32 URL-safe characters (192 random bits): fits the browser library's key pattern and any URL path. */
export function generateWriteKey(): string {
  return crypto.randomBytes(24).toString("base64url");
}

async function findSource(workspaceId: string, id: string, client: Tx = db): Promise<Row> {
  const row = await client.source.findFirst({ where: { id, workspaceId }, select });
  if (!row) throw new AppError("not_found", "Source not found");
  return row;
}

export async function getSource(workspaceId: string, id: string): Promise<SourceDto> {
  return toDto(await findSource(workspaceId, id));
}

/** The new source, and the Journeys destination it was connected to (null when none). */
export type CreatedSourceDto = SourceDto & { journeysDestinationId: string | null };

export async function createSource(
  workspaceId: string,
  input: CreateSourceInput,
  actor?: Actor,
): Promise<CreatedSourceDto> {
  const { row, journeysDestinationId } = await db.$transaction(async (tx) => {
    const created = await tx.source.create({
      data: { workspaceId, type: input.type, name: input.name, writeKey: generateWriteKey() },
      select,
    });
    await recordAudit(tx, workspaceId, actor, "source.create", { type: "source", id: created.id, details: input });
    const journeysId = input.connectJourneys === false ? null : await connectToJourneys(tx, workspaceId, created.id, actor);
    return { row: created, journeysDestinationId: journeysId };
  });
  invalidateWriteKey(row.writeKey); // in case a client tried it before it existed (cached as unknown)
  return { ...toDto(row), journeysDestinationId };
}

async function assertActiveTrackingKey(workspaceId: string, keyId: string) {
  const key = await db.trackingApiKey.findFirst({ where: { id: keyId, workspaceId, revokedAt: null }, select: { id: true } });
  if (!key) {
    throw new AppError("validation_failed", "Some fields are invalid", {
      fields: { inAppSiteKeyId: ["Choose an active tracking API key of this workspace"] },
    });
  }
}

/** The audit records an update makes: one per kind of change, none when nothing changed. */
function sourceChanges(before: Row, after: Row): [AuditAction, unknown?][] {
  const changes: [AuditAction, unknown?][] = [];
  if (before.name !== after.name) changes.push(["source.rename", { from: before.name, to: after.name }]);
  if (before.enabled !== after.enabled) changes.push([after.enabled ? "source.enable" : "source.disable"]);
  if (before.rateLimit !== after.rateLimit || before.rateLimitWindowSeconds !== after.rateLimitWindowSeconds) {
    changes.push(["source.rate_limit", { rateLimit: after.rateLimit, windowSeconds: after.rateLimitWindowSeconds }]);
  }
  if (before.inAppSiteKeyId !== after.inAppSiteKeyId) {
    changes.push(["source.in_app_key", { inAppSiteKeyId: after.inAppSiteKeyId }]);
  }
  return changes;
}

/** Renames, enables / disables, picks the in-app Site ID key or sets the rate limit. */
export async function updateSource(
  workspaceId: string,
  id: string,
  input: UpdateSourceInput,
  actor?: Actor,
): Promise<SourceDto> {
  if (input.inAppSiteKeyId) await assertActiveTrackingKey(workspaceId, input.inAppSiteKeyId);
  const { before, after } = await db.$transaction(async (tx) => {
    const before = await findSource(workspaceId, id, tx);
    const after = await tx.source.update({
      where: { id: before.id },
      data: {
        name: input.name,
        enabled: input.enabled,
        inAppSiteKeyId: input.inAppSiteKeyId,
        ...(input.rateLimit !== undefined && {
          rateLimit: input.rateLimit?.calls ?? null,
          rateLimitWindowSeconds: input.rateLimit?.windowSeconds ?? null,
        }),
      },
      select,
    });
    for (const [action, details] of sourceChanges(before, after)) {
      await recordAudit(tx, workspaceId, actor, action, { type: "source", id: after.id, details });
    }
    return { before, after };
  });
  // Enabling / disabling and the rate limit are what ingest caches with the key.
  const isIngestChange =
    before.enabled !== after.enabled ||
    before.rateLimit !== after.rateLimit ||
    before.rateLimitWindowSeconds !== after.rateLimitWindowSeconds;
  if (isIngestChange) invalidateWriteKey(after.writeKey);
  return toDto(after);
}

/** A new write key; the old one stops working at once in this process (in others within 5 s). */
export async function rotateWriteKey(workspaceId: string, id: string, actor?: Actor): Promise<SourceDto> {
  const { before, after } = await db.$transaction(async (tx) => {
    const before = await findSource(workspaceId, id, tx);
    const after = await tx.source.update({ where: { id: before.id }, data: { writeKey: generateWriteKey() }, select });
    await recordAudit(tx, workspaceId, actor, "source.rotate_key", { type: "source", id: after.id });
    return { before, after };
  });
  invalidateWriteKey(before.writeKey);
  invalidateWriteKey(after.writeKey); // in case a client tried it before it existed (cached as unknown)
  return toDto(after);
}

/** Deletes the source and, when asked, its stored events (in one transaction). */
export async function deleteSource(workspaceId: string, id: string, options: { deleteEvents: boolean }, actor?: Actor) {
  const { source, deletedEvents } = await db.$transaction(async (tx) => {
    const source = await findSource(workspaceId, id, tx);
    let deleted = { count: 0 };
    if (options.deleteEvents) {
      // Their deliveries and attempts first: they reference events by id, with no relation to cascade on.
      await tx.$executeRaw`DELETE FROM "DeliveryAttempt" WHERE "eventId" IN
        (SELECT "id" FROM "Event" WHERE "workspaceId" = ${workspaceId} AND "sourceId" = ${source.id})`;
      await tx.$executeRaw`DELETE FROM "Delivery" WHERE "eventId" IN
        (SELECT "id" FROM "Event" WHERE "workspaceId" = ${workspaceId} AND "sourceId" = ${source.id})`;
      deleted = await tx.event.deleteMany({ where: { workspaceId, sourceId: source.id } });
    }
    await tx.source.delete({ where: { id: source.id }, select: { id: true } });
    await recordAudit(tx, workspaceId, actor, "source.delete", {
      type: "source",
      id: source.id,
      details: { name: source.name, type: source.type, deleteEvents: options.deleteEvents, deletedEvents: deleted.count },
    });
    return { source, deletedEvents: deleted.count };
  }, { timeout: 120_000 }); // a busy source's events take a while to delete
  invalidateWriteKey(source.writeKey);
  return { source: toDto(source), deletedEvents };
}

export type TrackingKeyOption = { id: string; name: string; siteId: string };

export type SourceInstallDto = {
  source: SourceDto;
  publicUrl: string;
  inApp: {
    /** Whether the workspace has in-app messaging on. */
    enabled: boolean;
    /** The Site ID rendered into the snippets (null when in-app is off or there is no active tracking key). */
    siteId: string | null;
    /** The tracking key whose Site ID is used. */
    selectedKeyId: string | null;
    /** Active tracking keys to pick from: names and Site IDs only, never their API keys. */
    trackingKeys: TrackingKeyOption[];
  };
  snippets: Snippet[];
};

/** Everything the installation page shows: the rendered snippets and the in-app Site ID choice. */
export async function getSourceInstall(workspaceId: string, id: string, publicUrl: string): Promise<SourceInstallDto> {
  const source = await findSource(workspaceId, id);
  const [settings, trackingKeys] = await Promise.all([
    getSettings(workspaceId),
    db.trackingApiKey.findMany({
      where: { workspaceId, revokedAt: null },
      select: { id: true, name: true, siteId: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const siteId = settings.inAppEnabled ? await getInAppSiteId(workspaceId, source.inAppSiteKeyId) : null;
  const selected = trackingKeys.find((k) => k.id === source.inAppSiteKeyId) ?? trackingKeys[0];
  return {
    source: toDto(source),
    publicUrl,
    inApp: { enabled: settings.inAppEnabled, siteId, selectedKeyId: selected?.id ?? null, trackingKeys },
    snippets: renderSnippets(source.type, { publicUrl, writeKey: source.writeKey, siteId, sourceName: source.name }),
  };
}

export type SourceHealthStatus = "receiving" | "no_data" | "errors" | "paused";

export type SourceHealthDto = {
  status: SourceHealthStatus;
  /** Accepted calls in the last 24 hours. */
  accepted24h: number;
  /** Rejected calls in the last hour. */
  rejected1h: number;
};

export type SourceWithHealthDto = SourceDto & { health: SourceHealthDto };

const HOUR = 60 * 60 * 1000;

/** The workspace's sources, oldest first, each with its health for the Sources and Connections pages (two small
 *  aggregates over the event log's time index). */
export async function listSourcesWithHealth(workspaceId: string, now = new Date()): Promise<SourceWithHealthDto[]> {
  const [sources, day, hour] = await Promise.all([
    db.source.findMany({ where: { workspaceId }, select, orderBy: { createdAt: "asc" } }),
    db.event.groupBy({
      by: ["sourceId"],
      where: { workspaceId, status: "accepted", receivedAt: { gte: new Date(now.getTime() - 24 * HOUR) } },
      _count: { _all: true },
    }),
    db.event.groupBy({
      by: ["sourceId"],
      where: { workspaceId, status: "rejected", receivedAt: { gte: new Date(now.getTime() - HOUR) } },
      _count: { _all: true },
    }),
  ]);
  const accepted = new Map(day.map((g) => [g.sourceId, g._count._all]));
  const rejected = new Map(hour.map((g) => [g.sourceId, g._count._all]));
  return sources.map((s) => {
    const accepted24h = accepted.get(s.id) ?? 0;
    const rejected1h = rejected.get(s.id) ?? 0;
    const status: SourceHealthStatus = !s.enabled
      ? "paused"
      : rejected1h > 0
        ? "errors"
        : accepted24h > 0
          ? "receiving"
          : "no_data";
    return { ...toDto(s), health: { status, accepted24h, rejected1h } };
  });
}
