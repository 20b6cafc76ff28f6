import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/pg/client";
import { AppError } from "@/lib/api/errors";
import { assertValidAction } from "@/lib/destinations/action-input";
import type { ActionDto, CatalogDestination } from "@/lib/destinations/types";
import {
  MAX_ACTIONS_PER_DESTINATION,
  type CreateActionInput,
  type UpdateActionInput,
} from "@/lib/schemas/destinations";
import type { Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";

type Tx = Prisma.TransactionClient;

// Actions: a destination's trigger (FQL) + mapping (mapping-kit) + action type. Validated against the
// destination's definition on every write (lib/destinations/action-input.ts).

export const actionSelect = {
  id: true,
  destinationId: true,
  actionKey: true,
  name: true,
  trigger: true,
  mapping: true,
  enabled: true,
  batching: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ActionSelect;

type Row = Prisma.ActionGetPayload<{ select: typeof actionSelect }>;

export function toActionDto(row: Row): ActionDto {
  return {
    ...row,
    mapping: JSON.parse(row.mapping) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A new destination's actions: one per preset, already triggered and fully mapped, on. Batched when the
 *  action can batch and the preset's mapping asks for it (Segment's `enable_batching` field). */
export function presetActions(entry: CatalogDestination) {
  return entry.presets.map((p) => ({
    actionKey: p.actionKey,
    name: p.name,
    trigger: p.trigger,
    mapping: JSON.stringify(p.mapping),
    enabled: true,
    batching: !!entry.actions.find((a) => a.key === p.actionKey)?.supportsBatching && p.mapping.enable_batching === true,
  }));
}

/** The update that tells delivery runners the destination's configuration changed (Destination.configVersion):
 *  part of the same transaction as the change, so no event received after it is delivered with the old one. */
async function bumpConfigVersion(tx: Tx, destinationId: string) {
  await tx.destination.update({
    where: { id: destinationId },
    data: { configVersion: { increment: 1 } },
    select: { id: true },
  });
}

async function findDestinationSlug(workspaceId: string, destinationId: string): Promise<string> {
  const d = await db.destination.findFirst({ where: { id: destinationId, workspaceId }, select: { slug: true } });
  if (!d) throw new AppError("not_found", "Destination not found");
  return d.slug;
}

async function findAction(workspaceId: string, destinationId: string, id: string): Promise<Row> {
  const row = await db.action.findFirst({ where: { id, destinationId, workspaceId }, select: actionSelect });
  if (!row) throw new AppError("not_found", "Action not found");
  return row;
}

export async function listActions(workspaceId: string, destinationId: string): Promise<ActionDto[]> {
  await findDestinationSlug(workspaceId, destinationId);
  const rows = await db.action.findMany({
    where: { workspaceId, destinationId },
    select: actionSelect,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toActionDto);
}

export async function getAction(workspaceId: string, destinationId: string, id: string): Promise<ActionDto> {
  return toActionDto(await findAction(workspaceId, destinationId, id));
}

/** The action with its destination's type, for testing it. */
export async function getActionWithSlug(workspaceId: string, destinationId: string, id: string) {
  const slug = await findDestinationSlug(workspaceId, destinationId);
  return { slug, action: toActionDto(await findAction(workspaceId, destinationId, id)) };
}

export async function createAction(workspaceId: string, destinationId: string, input: CreateActionInput, actor?: Actor) {
  const slug = await findDestinationSlug(workspaceId, destinationId);
  assertValidAction(slug, input);
  const count = await db.action.count({ where: { workspaceId, destinationId } });
  if (count >= MAX_ACTIONS_PER_DESTINATION) {
    throw new AppError("validation_failed", `A destination has at most ${MAX_ACTIONS_PER_DESTINATION} actions`, {
      fields: { actionKey: [`This destination already has ${count} actions, the most it can have`] },
    });
  }
  const row = await db.$transaction(async (tx) => {
    const created = await tx.action.create({
      data: {
        workspaceId,
        destinationId,
        actionKey: input.actionKey,
        name: input.name,
        trigger: input.trigger,
        mapping: JSON.stringify(input.mapping),
        enabled: input.enabled ?? true,
        batching: input.batching ?? false,
      },
      select: actionSelect,
    });
    await bumpConfigVersion(tx, destinationId);
    await recordAudit(tx, workspaceId, actor, "action.create", {
      type: "action",
      id: created.id,
      details: { destinationId, actionKey: created.actionKey, name: created.name },
    });
    return created;
  });
  return toActionDto(row);
}

export async function updateAction(
  workspaceId: string,
  destinationId: string,
  id: string,
  input: UpdateActionInput,
  actor?: Actor,
): Promise<ActionDto> {
  const slug = await findDestinationSlug(workspaceId, destinationId);
  const before = toActionDto(await findAction(workspaceId, destinationId, id));
  assertValidAction(slug, { ...input, actionKey: before.actionKey });
  return db.$transaction(async (tx) => {
    const row = await tx.action.update({
      where: { id: before.id },
      data: {
        name: input.name,
        trigger: input.trigger,
        mapping: input.mapping === undefined ? undefined : JSON.stringify(input.mapping),
        enabled: input.enabled,
        batching: input.batching,
      },
      select: actionSelect,
    });
    await bumpConfigVersion(tx, destinationId);
    const after = toActionDto(row);
    const changed = (["name", "trigger", "mapping", "enabled", "batching"] as const).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (changed.length > 0) {
      await recordAudit(tx, workspaceId, actor, "action.update", {
        type: "action",
        id: after.id,
        details: { destinationId, changed },
      });
    }
    return after;
  });
}

export async function deleteAction(
  workspaceId: string,
  destinationId: string,
  id: string,
  actor?: Actor,
): Promise<ActionDto> {
  const row = await findAction(workspaceId, destinationId, id);
  await db.$transaction(async (tx) => {
    await tx.action.delete({ where: { id: row.id }, select: { id: true } });
    await bumpConfigVersion(tx, destinationId);
    await recordAudit(tx, workspaceId, actor, "action.delete", {
      type: "action",
      id: row.id,
      details: { destinationId, name: row.name },
    });
  });
  return toActionDto(row);
}
