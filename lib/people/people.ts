import "server-only";
import crypto from "node:crypto";
import { fillMissing, parseJsonObject, searchTextOf, type Attributes } from "./attributes";
import { attachAnonymous } from "./anonymous";
import { inTransaction, type Outcome, type PeopleContext } from "./context";
import { relateToObject, type RelationshipInput } from "./objects";
import { findPerson, isSuppressed, personSelect, upsertPerson, type PersonRow, type Tx } from "./persons";
import { suppressionKeys, type Identifiers } from "./identifiers";

// The person-level semantics: identify (create or update, anonymous merge, relationships), delete, suppress /
// unsuppress, and merge two people into one.

export type IdentifyInput = {
  identifiers: Identifiers;
  attributes?: Attributes;
  anonymousId?: string | null;
  relationships?: RelationshipInput[];
};

export type IdentifyOutcome = Outcome & { personId?: string; created?: boolean; changed?: string[]; attached?: number };

export async function identify(
  workspaceId: string,
  input: IdentifyInput,
  ctx: PeopleContext = {},
): Promise<IdentifyOutcome> {
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    if (await isSuppressed(tx, workspaceId, { ...input.identifiers, email: input.identifiers.email ?? emailOf(input) }))
      return { ok: true, ignored: "suppressed" };
    const { person, created, changed } = await upsertPerson(
      tx,
      workspaceId,
      input.identifiers,
      input.attributes ?? {},
      now,
    );
    const anonymousId = input.anonymousId ?? stringOr(input.attributes?.anonymous_id);
    const attached = anonymousId ? await attachAnonymous(tx, workspaceId, person.id, anonymousId, now) : 0;
    for (const rel of input.relationships ?? []) await relateToObject(tx, workspaceId, person.id, rel, now);
    return { ok: true, personId: person.id, created, changed, attached };
  });
}

function emailOf(input: IdentifyInput): string | undefined {
  const email = input.attributes?.email;
  return typeof email === "string" ? email : undefined;
}

function stringOr(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The caller's own writes that commit or roll back with the operation (the management API's audit record). */
type AlsoWrite = (tx: Tx) => Promise<unknown>;

export async function deletePerson(workspaceId: string, ids: Identifiers, also?: AlsoWrite): Promise<Outcome> {
  return inTransaction(async (tx) => {
    const person = await findPerson(tx, workspaceId, ids);
    if (!person) return { ok: true, ignored: "not_found" };
    await tx.person.delete({ where: { id: person.id }, select: { id: true } });
    await also?.(tx);
    return { ok: true };
  });
}

/** Deletes the person and blocks their identifiers from being added again. */
export async function suppressPerson(workspaceId: string, ids: Identifiers, also?: AlsoWrite): Promise<Outcome> {
  return inTransaction(async (tx) => {
    const person = await findPerson(tx, workspaceId, ids);
    const keys = new Set([
      ...suppressionKeys(ids),
      ...suppressionKeys({ id: person?.externalId, email: person?.email }),
    ]);
    // One block id for every identifier blocked together, so that unsuppressing by any of them lifts them all.
    const blockId = crypto.randomUUID();
    for (const identifier of keys) {
      await tx.suppression.upsert({
        where: { workspaceId_identifier: { workspaceId, identifier } },
        create: { workspaceId, identifier, blockId },
        update: { blockId },
        select: { identifier: true },
      });
    }
    if (person) await tx.person.delete({ where: { id: person.id }, select: { id: true } });
    await also?.(tx);
    return { ok: true };
  });
}

export async function unsuppressPerson(workspaceId: string, ids: Identifiers): Promise<Outcome> {
  return inTransaction(async (tx) => {
    const keys = suppressionKeys(ids);
    const blocks = await tx.suppression.findMany({
      where: { workspaceId, identifier: { in: keys }, blockId: { not: null } },
      select: { blockId: true },
    });
    const blockIds = blocks.map((b) => b.blockId!);
    await tx.suppression.deleteMany({
      where: { workspaceId, OR: [{ identifier: { in: keys } }, { blockId: { in: blockIds } }] },
    });
    return { ok: true };
  });
}

export type MergeOutcome = Outcome & { personId?: string };

/**
 * Merges the secondary into the primary: the secondary's identifiers (where the primary has none), the
 * attributes the primary lacks, its events, devices, relationships and anonymous ids move over, and the
 * secondary is deleted. A secondary that is no person but an anonymous id (Segment's alias from an anonymous
 * visitor) has its held activity attached instead.
 */
export async function mergePeople(
  workspaceId: string,
  primaryIds: Identifiers,
  secondaryIds: Identifiers,
  ctx: PeopleContext = {},
): Promise<MergeOutcome> {
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    if (await isSuppressed(tx, workspaceId, primaryIds)) return { ok: true, ignored: "suppressed" };
    const secondary = await findPerson(tx, workspaceId, secondaryIds);
    let primary = await findPerson(tx, workspaceId, primaryIds);
    if (!secondary) {
      if (!secondaryIds.id) return { ok: true, ignored: "not_found" };
      primary ??= (await upsertPerson(tx, workspaceId, primaryIds, {}, now)).person;
      await attachAnonymous(tx, workspaceId, primary.id, secondaryIds.id, now);
      return { ok: true, personId: primary.id };
    }
    if (!primary) primary = (await upsertPerson(tx, workspaceId, primaryIds, {}, now)).person;
    if (primary.id === secondary.id) return { ok: true, personId: primary.id };
    await moveBelongings(tx, secondary.id, primary.id);
    await tx.person.delete({ where: { id: secondary.id }, select: { id: true } });
    await absorb(tx, primary, secondary, now);
    return { ok: true, personId: primary.id };
  });
}

async function moveBelongings(tx: Tx, from: string, to: string) {
  await tx.personEvent.updateMany({ where: { personId: from }, data: { personId: to } });
  await tx.device.updateMany({ where: { personId: from }, data: { personId: to } });
  await tx.personAnonymousId.updateMany({ where: { personId: from }, data: { personId: to } });
  const rels = await tx.relationship.findMany({
    where: { personId: from },
    select: { objectId: true, attributes: true },
  });
  for (const rel of rels) {
    await tx.relationship.upsert({
      where: { personId_objectId: { personId: to, objectId: rel.objectId } },
      create: { personId: to, objectId: rel.objectId, attributes: rel.attributes },
      update: {},
      select: { personId: true },
    });
  }
}

async function absorb(tx: Tx, primary: PersonRow, secondary: PersonRow, now: Date) {
  const attributes = fillMissing(parseJsonObject(primary.attributes), parseJsonObject(secondary.attributes));
  const times = { ...parseJsonObject(secondary.attributeTimes), ...parseJsonObject(primary.attributeTimes) };
  const externalId = primary.externalId ?? secondary.externalId;
  const email = primary.email ?? secondary.email;
  await tx.person.update({
    where: { id: primary.id },
    data: {
      externalId,
      email,
      attributes: JSON.stringify(attributes),
      attributeTimes: JSON.stringify(times),
      searchText: searchTextOf({ externalId, email, attributes }),
      createdAt: primary.createdAt < secondary.createdAt ? primary.createdAt : secondary.createdAt,
      lastSeenAt: now,
    },
    select: personSelect,
  });
}
