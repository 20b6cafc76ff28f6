import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { parseJsonObject } from "@/lib/people/attributes";
import type { ListObjectsInput, ObjectDto, ObjectsListDto } from "@/lib/schemas/people";

// The Objects pages' reads: object types with their counts, a type's objects (keyset-paged on id), and one
// object with its attributes and related people.

export async function listObjects(workspaceId: string, input: ListObjectsInput): Promise<ObjectsListDto> {
  const types = await db.objectType.findMany({
    where: { workspaceId },
    select: { id: true, typeId: true, name: true, _count: { select: { objects: true } } },
    orderBy: { typeId: "asc" },
  });
  const typeId = input.type ?? types[0]?.typeId;
  const type = types.find((t) => t.typeId === typeId);
  const rows = type
    ? await db.dataObject.findMany({
        where: {
          workspaceId,
          objectTypeId: type.id,
          ...(input.search && { objectId: { contains: input.search } }),
          ...(input.cursor && { objectId: { gt: input.cursor } }),
        },
        select: { objectId: true, attributes: true, updatedAt: true, _count: { select: { relationships: true } } },
        orderBy: { objectId: "asc" },
        take: input.limit + 1,
      })
    : [];
  const page = rows.slice(0, input.limit);
  return {
    types: types.map((t) => ({ typeId: t.typeId, name: t.name, objectCount: t._count.objects })),
    objects: page.map((o) => ({
      typeId: type!.typeId,
      objectId: o.objectId,
      attributes: parseJsonObject(o.attributes),
      peopleCount: o._count.relationships,
      updatedAt: o.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.objectId : null,
  };
}

export async function getObject(workspaceId: string, typeId: number, objectId: string): Promise<ObjectDto> {
  const row = await db.dataObject.findFirst({
    where: { workspaceId, objectId, objectType: { typeId } },
    select: {
      objectId: true,
      attributes: true,
      updatedAt: true,
      objectType: { select: { typeId: true, name: true } },
      relationships: {
        select: { attributes: true, person: { select: { id: true, externalId: true, email: true } } },
        take: 200,
      },
      _count: { select: { relationships: true } },
    },
  });
  if (!row) throw new AppError("not_found", "Object not found");
  return {
    typeId: row.objectType.typeId,
    typeName: row.objectType.name,
    objectId: row.objectId,
    attributes: parseJsonObject(row.attributes),
    peopleCount: row._count.relationships,
    updatedAt: row.updatedAt.toISOString(),
    people: row.relationships.map((r) => ({ ...r.person, attributes: parseJsonObject(r.attributes) })),
  };
}
