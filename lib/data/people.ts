import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";
import { deletePerson as deletePersonSemantics, suppressPerson as suppressPersonSemantics } from "@/lib/people";
import { parseJsonObject } from "@/lib/people/attributes";
import { escapeLike, PeopleSql, readDate } from "@/lib/people/sql";
import type {
  ActivityDto,
  ActivityListDto,
  ListActivityInput,
  ListPeopleInput,
  PeopleListDto,
  PersonDto,
  PersonSummaryDto,
} from "@/lib/schemas/people";

// The People pages' reads (and their delete / suppress, which go through the store's semantics). The list is
// keyset-paged newest first on (createdAt, id), so a page costs the same at 1 million people.

type PersonRow = {
  id: string;
  externalId: string | null;
  email: string | null;
  cioId: string;
  attributes: string;
  createdAt: unknown;
  lastSeenAt: unknown;
};

function encodeCursor(parts: string[]): string {
  return Buffer.from(parts.join("|")).toString("base64url");
}

function decodeCursor(cursor: string | undefined, n: number): string[] | null {
  if (!cursor) return null;
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (parts.length !== n || parts.some((p) => p === "")) throw new AppError("bad_request", "That cursor is not one this API gave out");
  return parts;
}

function toSummary(row: PersonRow): PersonSummaryDto {
  return {
    id: row.id,
    externalId: row.externalId,
    email: row.email,
    cioId: row.cioId,
    attributes: parseJsonObject(row.attributes),
    createdAt: readDate(row.createdAt)!.toISOString(),
    lastSeenAt: readDate(row.lastSeenAt)?.toISOString() ?? null,
  };
}

function filters(sql: PeopleSql, workspaceId: string, input: ListPeopleInput): string[] {
  const where = [`"workspaceId" = ${sql.p(workspaceId)}`];
  const term = input.search?.toLowerCase();
  if (term) where.push(`"searchText" LIKE ${sql.p(`%${escapeLike(term)}%`)} ESCAPE '\\'`);
  if (input.has) where.push(sql.hasAttribute(input.has));
  if (input.attr && input.value !== undefined) where.push(`${sql.attribute(input.attr)} = ${sql.p(input.value)}`);
  if (input.seenDays) where.push(`"lastSeenAt" >= ${sql.date(new Date(Date.now() - input.seenDays * 86_400_000))}`);
  return where;
}

export async function listPeople(workspaceId: string, input: ListPeopleInput): Promise<PeopleListDto> {
  const sql = new PeopleSql();
  const where = filters(sql, workspaceId, input);
  const isFiltered = where.length > 1;
  const after = decodeCursor(input.cursor, 2);
  if (after) {
    const at = new Date(after[0]!);
    if (Number.isNaN(at.getTime())) throw new AppError("bad_request", "That cursor is not one this API gave out");
    where.push(`("createdAt" < ${sql.date(at)} OR ("createdAt" = ${sql.date(at)} AND "id" < ${sql.p(after[1])}))`);
  }
  const rows = await sql.query<PersonRow>(
    `SELECT "id", "externalId", "email", "cioId", "attributes", "createdAt", "lastSeenAt" FROM "Person"
     WHERE ${where.join(" AND ")} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit).map(toSummary);
  const last = page.at(-1);
  const [total, matching] = await Promise.all([
    db.person.count({ where: { workspaceId } }),
    isFiltered ? countMatching(workspaceId, input) : Promise.resolve(null),
  ]);
  return {
    people: page,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    total,
    matching,
  };
}

/** How many match, counted up to MATCH_COUNT_CAP + 1 (a common term need not count a million rows for "10,000+"). */
export const MATCH_COUNT_CAP = 10_000;

async function countMatching(workspaceId: string, input: ListPeopleInput): Promise<number> {
  const sql = new PeopleSql();
  const where = filters(sql, workspaceId, input);
  const [row] = await sql.query<{ n: unknown }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Person" WHERE ${where.join(" AND ")} LIMIT ${MATCH_COUNT_CAP + 1}) AS m`,
  );
  return Number(row?.n ?? 0);
}

async function findPersonRow(workspaceId: string, personId: string) {
  const row = await db.person.findFirst({
    where: { id: personId, workspaceId },
    select: {
      id: true,
      externalId: true,
      email: true,
      cioId: true,
      attributes: true,
      attributeTimes: true,
      createdAt: true,
      lastSeenAt: true,
      devices: { select: { token: true, platform: true, lastUsedAt: true, attributes: true }, orderBy: { createdAt: "asc" } },
      relationships: {
        select: {
          attributes: true,
          object: { select: { objectId: true, attributes: true, objectType: { select: { typeId: true, name: true } } } },
        },
      },
      anonymousIds: { select: { anonymousId: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!row) throw new AppError("not_found", "Person not found");
  return row;
}

export async function getPerson(workspaceId: string, personId: string): Promise<PersonDto> {
  const row = await findPersonRow(workspaceId, personId);
  const attributes = parseJsonObject(row.attributes);
  const times = parseJsonObject(row.attributeTimes) as Record<string, string>;
  return {
    ...toSummary(row),
    attributeList: Object.keys(attributes)
      .sort()
      .map((name) => ({ name, value: attributes[name], changedAt: times[name] ?? null })),
    devices: row.devices.map((d) => ({
      token: d.token,
      platform: d.platform,
      lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
      attributes: parseJsonObject(d.attributes),
    })),
    relationships: row.relationships.map((r) => ({
      objectTypeId: r.object.objectType.typeId,
      objectTypeName: r.object.objectType.name,
      objectId: r.object.objectId,
      attributes: parseJsonObject(r.attributes),
      objectAttributes: parseJsonObject(r.object.attributes),
    })),
    anonymousIds: row.anonymousIds.map((a) => a.anonymousId),
  };
}

/** The person's events, page and screen views, newest first. */
export async function listActivity(workspaceId: string, personId: string, input: ListActivityInput): Promise<ActivityListDto> {
  await findPersonRow(workspaceId, personId);
  const after = decodeCursor(input.cursor, 2);
  const rows = await db.personEvent.findMany({
    where: {
      workspaceId,
      personId,
      ...(after && {
        OR: [{ timestamp: { lt: new Date(after[0]!) } }, { timestamp: new Date(after[0]!), id: { lt: BigInt(after[1]!) } }],
      }),
    },
    select: { id: true, type: true, name: true, data: true, timestamp: true, receivedAt: true, via: true, sourceId: true },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const sources = await sourceNames(workspaceId, rows.map((r) => r.sourceId));
  const activity: ActivityDto[] = rows.slice(0, input.limit).map((r) => ({
    id: String(r.id),
    type: r.type as ActivityDto["type"],
    name: r.name,
    data: parseJsonObject(r.data),
    timestamp: r.timestamp.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    // A renamed source shows its name now; a deleted one the name it had.
    via: (r.sourceId && sources.get(r.sourceId)) ?? r.via,
    sourceId: r.sourceId && sources.has(r.sourceId) ? r.sourceId : null,
  }));
  const last = activity.at(-1);
  return { activity, nextCursor: rows.length > input.limit && last ? encodeCursor([last.timestamp, last.id]) : null };
}

async function sourceNames(workspaceId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.source.findMany({ where: { workspaceId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

// The people store runs each operation in its own transaction (lib/people); the audit record is written inside it.
export async function deletePersonById(workspaceId: string, personId: string, actor?: Actor): Promise<void> {
  const row = await findPersonRow(workspaceId, personId);
  await deletePersonSemantics(workspaceId, { cio_id: row.cioId }, (tx) =>
    recordAudit(tx, workspaceId, actor, "person.delete", { type: "person", id: personId }),
  );
}

/** Suppresses the person: deleted, and their id and email are not added again. */
export async function suppressPersonById(workspaceId: string, personId: string, actor?: Actor): Promise<void> {
  const row = await findPersonRow(workspaceId, personId);
  await suppressPersonSemantics(workspaceId, { cio_id: row.cioId }, (tx) =>
    recordAudit(tx, workspaceId, actor, "person.suppress", { type: "person", id: personId }),
  );
}
