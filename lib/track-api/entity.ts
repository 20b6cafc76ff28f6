import "server-only";
import {
  addDevice,
  deleteDevice,
  deleteObject,
  deletePerson,
  deleteRelationships,
  identify,
  identifyObject,
  mergePeople,
  parseIdentifiers,
  parseObjectRef,
  suppressPerson,
  trackActivity,
  unsuppressPerson,
  type PeopleContext,
  type RelatedPerson,
} from "@/lib/people";
import { toDate } from "@/lib/people/window";
import { noteApplied } from "./record";
import { TrackApiError } from "./respond";

// One Track API v2 entity operation ({type, action, identifiers, attributes, …}) applied to the people store.
// v1's routes are turned into the same operations, so there is one implementation of the semantics.

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function objectOr(v: unknown, field: string): Obj {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) throw new TrackApiError(400, `"${field}" must be an object`, "invalid", field);
  return v;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined;
}

/** cio_relationships of a person: each names an object. */
function objectRelationships(v: unknown) {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw new TrackApiError(400, '"cio_relationships" must be an array', "invalid", "cio_relationships");
  return v.map((rel, i) => {
    const r = objectOr(rel, `cio_relationships[${i}]`);
    const ids = objectOr(r.identifiers, `cio_relationships[${i}].identifiers`);
    return {
      object: parseObjectRef(ids.object_type_id, ids.object_id),
      attributes: objectOr(r.relationship_attributes, "relationship_attributes"),
    };
  });
}

/** cio_relationships of an object: each names a person (or an anonymous visitor). */
function personRelationships(v: unknown): RelatedPerson[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw new TrackApiError(400, '"cio_relationships" must be an array', "invalid", "cio_relationships");
  return v.map((rel, i) => {
    const r = objectOr(rel, `cio_relationships[${i}]`);
    const ids = objectOr(r.identifiers, `cio_relationships[${i}].identifiers`);
    const attributes = objectOr(r.relationship_attributes, "relationship_attributes");
    const anonymousId = str(ids.anonymous_id);
    if (anonymousId && !ids.id && !ids.email && !ids.cio_id) return { anonymousId, attributes };
    return { identifiers: parseIdentifiers(ids, `cio_relationships[${i}].identifiers`), attributes };
  });
}

async function applyPerson(workspaceId: string, e: Obj, ctx: PeopleContext) {
  const action = e.action;
  const now = ctx.now ?? new Date();
  if (action === "merge") {
    return mergePeople(
      workspaceId,
      parseIdentifiers(e.primary, "primary"),
      parseIdentifiers(e.secondary, "secondary"),
      ctx,
    );
  }
  const rawIds = objectOr(e.identifiers, "identifiers");
  const anonymousId = str(rawIds.anonymous_id);
  const isActivity = action === "event" || action === "page" || action === "screen";
  if (isActivity) {
    const ids = anonymousId && !rawIds.id && !rawIds.email && !rawIds.cio_id ? null : parseIdentifiers(rawIds);
    return trackActivity(
      workspaceId,
      {
        identifiers: ids,
        anonymousId: anonymousId ?? str(objectOr(e.attributes, "attributes").anonymous_id) ?? null,
        type: action,
        name: str(e.name) ?? "",
        eventId: str(e.id) ?? null,
        data: objectOr(e.attributes, "attributes"),
        timestamp: toDate(e.timestamp, now),
      },
      ctx,
    );
  }
  const ids = parseIdentifiers(rawIds);
  switch (action) {
    case "identify": {
      const attributes = objectOr(e.attributes, "attributes");
      return identify(
        workspaceId,
        { identifiers: ids, attributes, relationships: objectRelationships(e.cio_relationships) },
        ctx,
      );
    }
    case "delete":
      return deletePerson(workspaceId, ids);
    case "suppress":
      return suppressPerson(workspaceId, ids);
    case "unsuppress":
      return unsuppressPerson(workspaceId, ids);
    case "add_device": {
      const d = objectOr(e.device, "device");
      const lastUsed = d.last_used === undefined ? null : toDate(d.last_used, now);
      const token = str(d.token) ?? str(d.id) ?? "";
      return addDevice(
        workspaceId,
        ids,
        { token, platform: str(d.platform), lastUsed, attributes: objectOr(d.attributes, "device.attributes") },
        ctx,
      );
    }
    case "delete_device": {
      const d = objectOr(e.device, "device");
      return deleteDevice(workspaceId, ids, str(d.token) ?? str(d.id) ?? "");
    }
    case "add_relationships":
      return identify(workspaceId, { identifiers: ids, relationships: objectRelationships(e.cio_relationships) }, ctx);
    case "delete_relationships": {
      for (const rel of objectRelationships(e.cio_relationships))
        await deleteRelationships(workspaceId, rel.object, [{ identifiers: ids }]);
      return { ok: true as const };
    }
  }
  throw new TrackApiError(400, `"${String(action)}" is not an action of type person`, "invalid", "action");
}

async function applyObject(workspaceId: string, e: Obj, ctx: PeopleContext) {
  const ids = objectOr(e.identifiers, "identifiers");
  const ref = parseObjectRef(ids.object_type_id, ids.object_id);
  switch (e.action) {
    case "identify":
    case "identify_anonymous":
    case "add_relationships": {
      const attributes = objectOr(e.attributes, "attributes");
      delete attributes.anonymous_id;
      return identifyObject(workspaceId, ref, attributes, personRelationships(e.cio_relationships), ctx);
    }
    case "delete":
      return deleteObject(workspaceId, ref);
    case "delete_relationships":
      return deleteRelationships(workspaceId, ref, personRelationships(e.cio_relationships));
  }
  throw new TrackApiError(400, `"${String(e.action)}" is not an action of type object`, "invalid", "action");
}

export async function applyEntity(workspaceId: string, entity: unknown, ctx: PeopleContext = {}) {
  if (!isObj(entity)) throw new TrackApiError(400, "Each operation must be a JSON object", "invalid", "");
  let outcome: unknown;
  if (entity.type === "person") outcome = await applyPerson(workspaceId, entity, ctx);
  else if (entity.type === "object") outcome = await applyObject(workspaceId, entity, ctx);
  else if (entity.type === "delivery")
    return { ok: true as const }; // delivery metrics: Sluice sends no messages
  else throw new TrackApiError(400, 'type must be "person", "object" or "delivery"', "invalid", "type");
  noteApplied(entity);
  return outcome;
}
