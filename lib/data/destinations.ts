import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/pg/client";
import { AppError } from "@/lib/api/errors";
import { getCatalogDestination } from "@/lib/destinations/catalog";
import {
  decryptSettings,
  encryptSettings,
  mergeSettings,
  publicSettings,
  validateSettings,
  type Settings,
} from "@/lib/destinations/settings";
import type { DestinationDto } from "@/lib/destinations/types";
import { canSourceFeed, type CreateDestinationInput, type UpdateDestinationInput } from "@/lib/schemas/destinations";
import { trackingKeyIdOf } from "@/lib/data/tracking-key-sources";
import { actionSelect, presetActions, toActionDto } from "@/lib/data/actions";
import type { Actor } from "@/lib/api/handler";
import { recordAudit, type AuditAction } from "./audit";

// Destinations: where data goes. Settings are stored as JSON with the definition's secret fields encrypted
// (lib/destinations/settings.ts); DTOs never carry a secret, only which ones are set.

const select = {
  id: true,
  slug: true,
  name: true,
  enabled: true,
  settings: true,
  createdAt: true,
  updatedAt: true,
  connections: { select: { sourceId: true }, orderBy: { createdAt: "asc" } },
  actions: { select: actionSelect, orderBy: { createdAt: "asc" } },
} satisfies Prisma.DestinationSelect;

type Row = Prisma.DestinationGetPayload<{ select: typeof select }>;

function storedSettings(row: { settings: string | null }): Settings {
  return row.settings ? (JSON.parse(row.settings) as Settings) : {};
}

function toDto(row: Row): DestinationDto {
  const { settings, secretsSet } = publicSettings(row.slug, storedSettings(row));
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    enabled: row.enabled,
    settings,
    secretsSet,
    sourceIds: row.connections.map((c) => c.sourceId),
    actions: row.actions.map(toActionDto),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function findDestination(workspaceId: string, id: string): Promise<Row> {
  const row = await db.destination.findFirst({ where: { id, workspaceId }, select });
  if (!row) throw new AppError("not_found", "Destination not found");
  return row;
}

/** Every id must be a source of this workspace; one that is not answers 404 whether it exists elsewhere or not.
 *  One that cannot feed a destination of this type (canSourceFeed) is refused on the field. */
async function assertConnectableSources(workspaceId: string, slug: string, sourceIds: string[]): Promise<string[]> {
  const unique = [...new Set(sourceIds)];
  if (unique.length === 0) return unique;
  const found = await db.source.findMany({
    where: { workspaceId, id: { in: unique } },
    select: { id: true, name: true, type: true, settings: true },
  });
  const own = new Set(found.map((s) => s.id));
  const missing = unique.find((id) => !own.has(id));
  if (missing) throw new AppError("not_found", `Source ${missing} not found`, { fields: { sourceIds: ["Source not found"] } });
  const looping = found.find((s) => !canSourceFeed(slug, { trackingKeyId: trackingKeyIdOf(s) }));
  if (looping) {
    throw new AppError("validation_failed", "Some fields are invalid", {
      fields: {
        sourceIds: [
          `“${looping.name}” stores the Track API's calls, which the people store has applied already: the Customer.io Journeys destination would apply them twice. Connect it to other destinations only.`,
        ],
      },
    });
  }
  return unique;
}

export async function listDestinations(workspaceId: string): Promise<DestinationDto[]> {
  const rows = await db.destination.findMany({ where: { workspaceId }, select, orderBy: { createdAt: "asc" } });
  return rows.map(toDto);
}

export async function getDestination(workspaceId: string, id: string): Promise<DestinationDto> {
  return toDto(await findDestination(workspaceId, id));
}

/** The destination's type and decrypted settings, for performing or testing it (server-side only). */
export async function getDestinationForPerform(workspaceId: string, id: string) {
  const row = await findDestination(workspaceId, id);
  return { id: row.id, slug: row.slug, name: row.name, settings: decryptSettings(row.slug, storedSettings(row)) };
}

/** Creates the destination with its connections and one action per preset of its definition. */
export async function createDestination(
  workspaceId: string,
  input: CreateDestinationInput,
  actor?: Actor,
): Promise<DestinationDto> {
  const entry = getCatalogDestination(input.slug);
  if (!entry) {
    throw new AppError("validation_failed", "Some fields are invalid", {
      fields: { slug: [`There is no destination type “${input.slug}” in the catalog`] },
    });
  }
  const settings = validateSettings(entry.slug, input.settings);
  const sourceIds = await assertConnectableSources(workspaceId, entry.slug, input.sourceIds ?? []);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.destination.create({
      data: {
        workspaceId,
        slug: entry.slug,
        name: input.name,
        enabled: input.enabled ?? true,
        settings: JSON.stringify(encryptSettings(entry.slug, settings)),
        connections: { create: sourceIds.map((sourceId) => ({ sourceId, workspaceId })) },
        actions: { create: presetActions(entry).map((a) => ({ ...a, workspaceId })) },
      },
      select,
    });
    await recordAudit(tx, workspaceId, actor, "destination.create", {
      type: "destination",
      id: created.id,
      // Setting names only: values may be secrets.
      details: { slug: entry.slug, name: created.name, sourceIds, settings: Object.keys(input.settings) },
    });
    return created;
  });
  return toDto(row);
}

/** Renames, enables / disables, changes settings (merged, see the schema) or replaces the connections. */
export async function updateDestination(
  workspaceId: string,
  id: string,
  input: UpdateDestinationInput,
  actor?: Actor,
): Promise<DestinationDto> {
  const before = await findDestination(workspaceId, id);
  let settings: string | undefined;
  let changedSettings: string[] = [];
  if (input.settings) {
    const current = decryptSettings(before.slug, storedSettings(before));
    const next = validateSettings(before.slug, mergeSettings(current, input.settings));
    changedSettings = [...new Set([...Object.keys(current), ...Object.keys(next)])].filter(
      (k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]),
    );
    settings = JSON.stringify(encryptSettings(before.slug, next));
  }
  const sourceIds = input.sourceIds && (await assertConnectableSources(workspaceId, before.slug, input.sourceIds));
  const row = await db.$transaction(async (tx) => {
    if (sourceIds) {
      await tx.connection.deleteMany({ where: { workspaceId, destinationId: before.id } });
      await tx.connection.createMany({ data: sourceIds.map((sourceId) => ({ sourceId, destinationId: before.id, workspaceId })) });
    }
    const after = await tx.destination.update({
      where: { id: before.id },
      data: { name: input.name, enabled: input.enabled, settings, configVersion: { increment: 1 } },
      select,
    });
    const changes: [AuditAction, unknown?][] = [];
    if (before.name !== after.name) changes.push(["destination.rename", { from: before.name, to: after.name }]);
    if (before.enabled !== after.enabled) changes.push([after.enabled ? "destination.enable" : "destination.disable"]);
    if (changedSettings.length > 0) changes.push(["destination.settings", { changed: changedSettings }]);
    const [from, to] = [toDto(before).sourceIds, toDto(after).sourceIds];
    if (from.join() !== to.join()) changes.push(["destination.connections", { from, to }]);
    for (const [action, details] of changes) {
      await recordAudit(tx, workspaceId, actor, action, { type: "destination", id: after.id, details });
    }
    return after;
  });
  return toDto(row);
}

export async function deleteDestination(workspaceId: string, id: string, actor?: Actor): Promise<DestinationDto> {
  const row = await findDestination(workspaceId, id);
  await db.$transaction(async (tx) => {
    await tx.destination.delete({ where: { id: row.id }, select: { id: true } });
    await recordAudit(tx, workspaceId, actor, "destination.delete", {
      type: "destination",
      id: row.id,
      details: { name: row.name, slug: row.slug },
    });
  });
  return toDto(row);
}

/** A stored, accepted event of one of the destination's connected sources (404 otherwise), as its payload. */
export async function getConnectedEvent(workspaceId: string, destinationId: string, eventId: string) {
  const sourceIds = (await findDestination(workspaceId, destinationId)).connections.map((c) => c.sourceId);
  const event = await db.event.findFirst({
    where: { id: BigInt(eventId), workspaceId, status: "accepted", sourceId: { in: sourceIds } },
    select: { payload: true },
  });
  if (!event) throw new AppError("not_found", "Event not found among the connected sources' events");
  return JSON.parse(event.payload) as Record<string, unknown>;
}
