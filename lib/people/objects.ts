import "server-only";
import { parseJsonObject, mergeAttributes } from "./attributes";
import { personForAnonymousId } from "./anonymous";
import { inTransaction, type Outcome, type PeopleContext } from "./context";
import { PeopleError } from "./errors";
import { holdRelationship } from "./held-relationships";
import { ensurePerson, findPerson, isSuppressed, type Tx } from "./persons";
import type { Identifiers } from "./identifiers";

// Objects (companies, accounts, …) grouped by object type, and relationships person ↔ object with their own
// attributes. A type is created on first use; "1" is the default type id.

export type ObjectRef = { typeId: string; objectId: string };
export type RelationshipInput = { object: ObjectRef; attributes?: Record<string, unknown> };
export type RelatedPerson = { identifiers?: Identifiers; anonymousId?: string; attributes?: Record<string, unknown> };

export function parseObjectRef(typeId: unknown, objectId: unknown): ObjectRef {
  const type = typeId === undefined || typeId === null || typeId === "" ? "1" : String(typeId);
  if (!/^[1-9][0-9]{0,8}$/.test(type)) {
    throw new PeopleError(
      "invalid",
      `object_type_id must be a whole number like "1", not "${type}"`,
      "identifiers.object_type_id",
    );
  }
  if ((typeof objectId !== "string" && typeof objectId !== "number") || String(objectId) === "") {
    throw new PeopleError("invalid", "An object needs an object_id", "identifiers.object_id");
  }
  if (String(objectId).length > 150)
    throw new PeopleError("invalid", "object_id is longer than 150 characters", "identifiers.object_id");
  return { typeId: type, objectId: String(objectId) };
}

async function ensureType(tx: Tx, workspaceId: string, typeId: string): Promise<string> {
  const n = Number(typeId);
  const row = await tx.objectType.upsert({
    where: { workspaceId_typeId: { workspaceId, typeId: n } },
    create: { workspaceId, typeId: n, name: `Object type ${n}` },
    update: {},
    select: { id: true },
  });
  return row.id;
}

async function ensureObject(tx: Tx, workspaceId: string, ref: ObjectRef, updates: Record<string, unknown>, now: Date) {
  const objectTypeId = await ensureType(tx, workspaceId, ref.typeId);
  const existing = await tx.dataObject.findUnique({
    where: { objectTypeId_objectId: { objectTypeId, objectId: ref.objectId } },
    select: { id: true, attributes: true },
  });
  const merged = mergeAttributes(parseJsonObject(existing?.attributes), {}, updates, now).attributes;
  if (existing) {
    if (Object.keys(updates).length)
      await tx.dataObject.update({
        where: { id: existing.id },
        data: { attributes: JSON.stringify(merged) },
        select: { id: true },
      });
    return existing.id;
  }
  const row = await tx.dataObject.create({
    data: { workspaceId, objectTypeId, objectId: ref.objectId, attributes: JSON.stringify(merged) },
    select: { id: true },
  });
  return row.id;
}

async function findObjectId(tx: Tx, workspaceId: string, ref: ObjectRef): Promise<string | null> {
  const row = await tx.dataObject.findFirst({
    where: { workspaceId, objectId: ref.objectId, objectType: { typeId: Number(ref.typeId) } },
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function relateToObject(tx: Tx, workspaceId: string, personId: string, rel: RelationshipInput, now: Date) {
  const objectId = await ensureObject(tx, workspaceId, rel.object, {}, now);
  const existing = await tx.relationship.findUnique({
    where: { personId_objectId: { personId, objectId } },
    select: { attributes: true },
  });
  const attributes = JSON.stringify(
    mergeAttributes(parseJsonObject(existing?.attributes), {}, rel.attributes ?? {}, now).attributes,
  );
  await tx.relationship.upsert({
    where: { personId_objectId: { personId, objectId } },
    create: { personId, objectId, attributes },
    update: { attributes },
    select: { personId: true },
  });
}

async function personOf(tx: Tx, workspaceId: string, who: RelatedPerson, now: Date): Promise<string | null> {
  if (who.identifiers) {
    if (await isSuppressed(tx, workspaceId, who.identifiers)) return null;
    return (await ensurePerson(tx, workspaceId, who.identifiers, now)).id;
  }
  return who.anonymousId ? personForAnonymousId(tx, workspaceId, who.anonymousId) : null;
}

/** Creates or updates an object and relates the given people to it; a visitor not identified yet has the
 *  relationship held for the merge window. */
export async function identifyObject(
  workspaceId: string,
  ref: ObjectRef,
  attributes: Record<string, unknown>,
  people: RelatedPerson[],
  ctx: PeopleContext = {},
): Promise<Outcome> {
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const objectId = await ensureObject(tx, workspaceId, ref, attributes, now);
    for (const who of people) {
      const personId = await personOf(tx, workspaceId, who, now);
      if (personId) await relateToObject(tx, workspaceId, personId, { object: ref, attributes: who.attributes }, now);
      else if (!who.identifiers && who.anonymousId)
        await holdRelationship(tx, workspaceId, who.anonymousId, objectId, who.attributes ?? {}, now);
    }
    return { ok: true };
  });
}

export async function deleteObject(workspaceId: string, ref: ObjectRef): Promise<Outcome> {
  return inTransaction(async (tx) => {
    const id = await findObjectId(tx, workspaceId, ref);
    if (!id) return { ok: true, ignored: "not_found" };
    await tx.dataObject.delete({ where: { id }, select: { id: true } });
    return { ok: true };
  });
}

/** Removes the relationships between an object and these people (all of its people when none are named). */
export async function deleteRelationships(
  workspaceId: string,
  ref: ObjectRef,
  people: RelatedPerson[],
): Promise<Outcome> {
  return inTransaction(async (tx) => {
    const objectId = await findObjectId(tx, workspaceId, ref);
    if (!objectId) return { ok: true, ignored: "not_found" };
    const personIds: string[] = [];
    const anonymousIds: string[] = [];
    for (const who of people) {
      const id = who.identifiers
        ? (await findPerson(tx, workspaceId, who.identifiers))?.id
        : who.anonymousId && (await personForAnonymousId(tx, workspaceId, who.anonymousId));
      if (id) personIds.push(id);
      else if (!who.identifiers && who.anonymousId) anonymousIds.push(who.anonymousId);
    }
    await tx.relationship.deleteMany({ where: { objectId, ...(people.length && { personId: { in: personIds } }) } });
    await tx.heldRelationship.deleteMany({
      where: { objectId, ...(people.length && { anonymousId: { in: anonymousIds } }) },
    });
    return { ok: true };
  });
}
