import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/pg/client";
import { mergeAttributes, parseJsonObject, searchTextOf, type Attributes } from "./attributes";
import { PeopleError } from "./errors";
import { describeIdentifiers, isEmailLike, normalizeEmail, suppressionKeys, type Identifiers } from "./identifiers";

// Finding, creating and updating one person inside a transaction: identifier resolution and conflicts, the
// attribute merge, the suppression list. Everything here takes the workspace id first and keeps it in `where`.

export type Tx = Prisma.TransactionClient;

export const personSelect = {
  id: true,
  externalId: true,
  email: true,
  cioId: true,
  attributes: true,
  attributeTimes: true,
  createdAt: true,
} as const;
export type PersonRow = {
  id: string;
  externalId: string | null;
  email: string | null;
  cioId: string;
  attributes: string;
  attributeTimes: string;
  createdAt: Date;
};

export function newCioId(): string {
  return crypto.randomBytes(8).toString("hex");
}

/** Lookups already made in this operation (an identify asks for the same id and email twice otherwise). */
type Memo = Map<string, Promise<PersonRow | null>>;

function findBy(tx: Tx, workspaceId: string, where: Prisma.PersonWhereInput, memo?: Memo): Promise<PersonRow | null> {
  const key = JSON.stringify(where);
  const known = memo?.get(key);
  if (known) return known;
  // A real promise: Prisma's are lazy and would query again when awaited twice.
  const found = Promise.resolve(tx.person.findFirst({ where: { workspaceId, ...where }, select: personSelect }));
  memo?.set(key, found);
  return found;
}

/** The one person these identifiers name, or null; a PeopleError("conflict") when they name two. */
export async function findPerson(
  tx: Tx,
  workspaceId: string,
  ids: Identifiers,
  memo?: Memo,
): Promise<PersonRow | null> {
  if (ids.cio_id) return findBy(tx, workspaceId, { cioId: ids.cio_id }, memo);
  const byId = ids.id ? await findBy(tx, workspaceId, { externalId: ids.id }, memo) : null;
  const byEmail = ids.email ? await findBy(tx, workspaceId, { email: normalizeEmail(ids.email) }, memo) : null;
  if (byId && byEmail && byId.id !== byEmail.id) {
    throw new PeopleError(
      "conflict",
      `Identifier conflict: id "${ids.id}" belongs to one person and email "${ids.email}" to another; nothing was changed`,
      "identifiers",
    );
  }
  return byId ?? byEmail;
}

export async function isSuppressed(tx: Tx, workspaceId: string, ids: Identifiers): Promise<boolean> {
  const keys = suppressionKeys(ids); // emails are normalised there
  if (keys.length === 0) return false;
  return (await tx.suppression.count({ where: { workspaceId, identifier: { in: keys } } })) > 0;
}

/** The identifiers an identify sets: those it is addressed by, plus `id` / `email` attributes under cio_id. */
function wantedIdentifiers(ids: Identifiers, attributes: Attributes): { id?: string; email?: string } {
  const out: { id?: string; email?: string } = {};
  if (ids.id) out.id = ids.id;
  if (ids.email) out.email = normalizeEmail(ids.email);
  if (typeof attributes.email === "string" && isEmailLike(attributes.email))
    out.email ??= normalizeEmail(attributes.email);
  if (ids.cio_id && (typeof attributes.id === "string" || typeof attributes.id === "number"))
    out.id = String(attributes.id);
  return out;
}

async function assertFree(
  tx: Tx,
  workspaceId: string,
  personId: string | null,
  wanted: { id?: string; email?: string },
  memo: Memo,
) {
  if (wanted.id) {
    const other = await findBy(tx, workspaceId, { externalId: wanted.id }, memo);
    if (other && other.id !== personId)
      throw new PeopleError(
        "conflict",
        `Identifier conflict: id "${wanted.id}" already belongs to another person`,
        "id",
      );
  }
  if (wanted.email) {
    const other = await findBy(tx, workspaceId, { email: wanted.email }, memo);
    if (other && other.id !== personId) {
      const owner = other.externalId ? ` (id "${other.externalId}")` : "";
      throw new PeopleError(
        "conflict",
        `Identifier conflict: email "${wanted.email}" already belongs to another person${owner}; nothing was changed`,
        "email",
      );
    }
  }
}

export type UpsertResult = { person: PersonRow; created: boolean; changed: string[] };

/** Creates or updates the person these identifiers name (an identify). Conflicts are refused, never merged. */
export async function upsertPerson(
  tx: Tx,
  workspaceId: string,
  ids: Identifiers,
  updates: Attributes,
  now: Date,
): Promise<UpsertResult> {
  const memo: Memo = new Map();
  const existing = await findPerson(tx, workspaceId, ids, memo);
  if (!existing && ids.cio_id)
    throw new PeopleError("not_found", `No person has ${describeIdentifiers(ids)}`, "cio_id");
  const wanted = wantedIdentifiers(ids, updates);
  if (existing) {
    // An email-addressed person keeps its id; a different id on it is another person's, not a rename.
    if (wanted.id && existing.externalId && existing.externalId !== wanted.id && !ids.cio_id) {
      throw new PeopleError(
        "conflict",
        `Identifier conflict: email "${existing.email}" belongs to the person with id "${existing.externalId}", not "${wanted.id}"; nothing was changed`,
        "identifiers",
      );
    }
  }
  await assertFree(tx, workspaceId, existing?.id ?? null, wanted, memo);
  const merged = mergeAttributes(
    parseJsonObject(existing?.attributes),
    parseJsonObject(existing?.attributeTimes) as Record<string, string>,
    updates,
    now,
  );
  const externalId = wanted.id ?? existing?.externalId ?? null;
  const email = wanted.email ?? existing?.email ?? null;
  const data = {
    externalId,
    email,
    attributes: JSON.stringify(merged.attributes),
    attributeTimes: JSON.stringify(merged.times),
    searchText: searchTextOf({ externalId, email, attributes: merged.attributes }),
    lastSeenAt: now,
  };
  if (existing) {
    const person = await tx.person.update({ where: { id: existing.id }, data, select: personSelect });
    return { person, created: false, changed: merged.changed };
  }
  const createdAt = createdAtOf(updates.created_at) ?? now;
  const person = await tx.person.create({
    data: { workspaceId, cioId: newCioId(), createdAt, ...data },
    select: personSelect,
  });
  return { person, created: true, changed: merged.changed };
}

function createdAtOf(value: unknown): Date | null {
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value < 1e11 ? value * 1000 : value);
  if (typeof value === "string" && value !== "") {
    const d = new Date(Number.isFinite(Number(value)) ? Number(value) * 1000 : value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** The person, created with just these identifiers when missing (events and devices for someone new). */
export async function ensurePerson(tx: Tx, workspaceId: string, ids: Identifiers, now: Date): Promise<PersonRow> {
  const existing = await findPerson(tx, workspaceId, ids);
  if (existing) {
    await tx.person.update({ where: { id: existing.id }, data: { lastSeenAt: now }, select: { id: true } });
    return existing;
  }
  return (await upsertPerson(tx, workspaceId, ids, {}, now)).person;
}

/** The person, or PeopleError("not_found"). */
export async function requirePerson(tx: Tx, workspaceId: string, ids: Identifiers): Promise<PersonRow> {
  const person = await findPerson(tx, workspaceId, ids);
  if (!person) throw new PeopleError("not_found", `No person has ${describeIdentifiers(ids)}`, "identifiers");
  return person;
}
