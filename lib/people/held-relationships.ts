import "server-only";
import { fillMissing, mergeAttributes, parseJsonObject } from "./attributes";
import type { Tx } from "./persons";

// Relationships of a visitor not identified yet (a group call with only an anonymousId), held like anonymous
// activity: the object exists at once, the relationship waits for the anonymousId to be identified within the
// merge window (then it is the person's) and is discarded when nobody identified it in time.

/** Holds (or updates) the relationship of `anonymousId` to the object row `objectId`. */
export async function holdRelationship(
  tx: Tx,
  workspaceId: string,
  anonymousId: string,
  objectId: string,
  attributes: Record<string, unknown>,
  now: Date,
) {
  const key = { workspaceId_anonymousId_objectId: { workspaceId, anonymousId, objectId } };
  const existing = await tx.heldRelationship.findUnique({ where: key, select: { attributes: true } });
  const merged = JSON.stringify(mergeAttributes(parseJsonObject(existing?.attributes), {}, attributes, now).attributes);
  // The window counts from the latest call that named the relationship.
  await tx.heldRelationship.upsert({
    where: key,
    create: { workspaceId, anonymousId, objectId, attributes: merged, heldAt: now },
    update: { attributes: merged, heldAt: now },
    select: { id: true },
  });
}

/**
 * Makes the held relationships of `anonymousId` since `start` the person's and drops the rest. Where the person
 * is related to the object already, its relationship's attributes win and the held ones fill what it lacks.
 */
export async function attachHeldRelationships(
  tx: Tx,
  workspaceId: string,
  personId: string,
  anonymousId: string,
  start: Date,
): Promise<number> {
  const held = await tx.heldRelationship.findMany({
    where: { workspaceId, anonymousId, heldAt: { gte: start } },
    select: { objectId: true, attributes: true },
  });
  for (const rel of held) {
    const key = { personId_objectId: { personId, objectId: rel.objectId } };
    const existing = await tx.relationship.findUnique({ where: key, select: { attributes: true } });
    const attributes = existing
      ? JSON.stringify(fillMissing(parseJsonObject(existing.attributes), parseJsonObject(rel.attributes)))
      : rel.attributes;
    await tx.relationship.upsert({
      where: key,
      create: { personId, objectId: rel.objectId, attributes },
      update: { attributes },
      select: { personId: true },
    });
  }
  await tx.heldRelationship.deleteMany({ where: { workspaceId, anonymousId } });
  return held.length;
}

/** Drops held relationships older than the merge window's `start`. */
export async function discardExpiredHeldRelationships(tx: Tx, workspaceId: string, start: Date): Promise<number> {
  const gone = await tx.heldRelationship.deleteMany({ where: { workspaceId, heldAt: { lt: start } } });
  return gone.count;
}
