import crypto from "node:crypto";

// A Track API operation as the Segment call it stands for, so each tracking key's source ("Journeys API — <key
// name>") can store Track API traffic in the event log, where the debugger shows it and other destinations
// connected to that source receive it. Semantic operations become their semantic events (User Deleted, …).

type Obj = Record<string, unknown>;
export type SegmentCall = Obj & { type: string; messageId: string; timestamp: string };

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);

function who(ids: unknown): Obj {
  if (!isObj(ids)) return {};
  const userId = str(ids.id) ?? str(ids.email) ?? (str(ids.cio_id) ? `cio_${str(ids.cio_id)}` : undefined);
  const anonymousId = str(ids.anonymous_id);
  return { ...(userId && { userId }), ...(anonymousId && { anonymousId }) };
}

function timestampOf(v: unknown, now: Date): string {
  if (typeof v === "number") return new Date(v < 1e11 ? v * 1000 : v).toISOString();
  if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  return now.toISOString();
}

/** The Segment call for one v2 operation; null for what has none (delivery metrics). */
export function entityToCall(e: unknown, now = new Date()): SegmentCall | null {
  if (!isObj(e)) return null;
  const base = { messageId: str(e.id) ?? `track-api-${crypto.randomUUID()}`, timestamp: timestampOf(e.timestamp, now) };
  const attributes = isObj(e.attributes) ? e.attributes : {};
  const semantic = (event: string, properties: Obj = {}, extra: Obj = {}) => ({
    ...base,
    type: "track",
    event,
    properties,
    ...who(e.identifiers),
    ...extra,
  });
  if (e.type === "person") {
    switch (e.action) {
      case "identify":
        return { ...base, type: "identify", ...who(e.identifiers), traits: attributes };
      case "event":
        return { ...base, type: "track", event: str(e.name) ?? "", properties: attributes, ...who(e.identifiers) };
      case "page":
        return {
          ...base,
          type: "page",
          name: str(e.name) ?? "",
          properties: { url: str(e.name), ...attributes },
          ...who(e.identifiers),
        };
      case "screen":
        return { ...base, type: "screen", name: str(e.name) ?? "", properties: attributes, ...who(e.identifiers) };
      case "merge":
        return { ...base, type: "alias", userId: who(e.primary).userId, previousId: who(e.secondary).userId };
      case "delete":
        return semantic("User Deleted");
      case "suppress":
        return semantic("User Suppressed");
      case "unsuppress":
        return semantic("User Unsuppressed");
      case "add_device":
      case "delete_device": {
        const d = isObj(e.device) ? e.device : {};
        const device = { token: str(d.token) ?? str(d.id), ...(str(d.platform) && { type: str(d.platform) }) };
        const event = e.action === "add_device" ? "Device Created or Updated" : "Device Deleted";
        return semantic(event, isObj(d.attributes) ? d.attributes : {}, { context: { device } });
      }
    }
    return null;
  }
  if (e.type === "object") {
    const ids = isObj(e.identifiers) ? e.identifiers : {};
    const objectId = str(ids.object_id);
    const objectTypeId = str(ids.object_type_id) ?? "1";
    const rel = Array.isArray(e.cio_relationships) && isObj(e.cio_relationships[0]) ? e.cio_relationships[0] : {};
    // With no person related, the call names none: stored as accepted all the same (ingest's canOmitPersonForObjects),
    // as Customer.io's Data Pipelines takes a group without a userId. No made-up anonymousId: other destinations
    // connected to the key's source would take it for a visitor.
    const person = who(rel.identifiers);
    if (e.action === "delete")
      return { ...base, type: "track", event: "Object Deleted", properties: { objectId, objectTypeId }, ...person };
    if (e.action === "delete_relationships")
      return {
        ...base,
        type: "track",
        event: "Relationship Deleted",
        properties: { objectId, objectTypeId },
        ...person,
      };
    return {
      ...base,
      type: "group",
      groupId: objectId,
      traits: {
        objectTypeId,
        objectAttributes: attributes,
        ...(isObj(rel.relationship_attributes) && { relationshipAttributes: rel.relationship_attributes }),
      },
      ...person,
    };
  }
  return null;
}
