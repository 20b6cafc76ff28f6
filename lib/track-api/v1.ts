import "server-only";
import { identifierFromValue, type PeopleContext } from "@/lib/people";
import { applyEntity } from "./entity";
import { TrackApiError } from "./respond";

// Track API v1 (`/api/v1/…`): each route becomes a v2 entity operation on the person its path names.

type Obj = Record<string, unknown>;
type Route = {
  method: string;
  pattern: RegExp;
  run: (ws: string, m: string[], body: Obj, ctx: PeopleContext) => Promise<unknown>;
};

function person(pathValue: string) {
  return identifierFromValue(decodeURIComponent(pathValue));
}

function identify(ws: string, m: string[], body: Obj, ctx: PeopleContext) {
  const { cio_relationships, _update, anonymous_id, ...attributes } = body;
  void _update;
  return applyEntity(
    ws,
    {
      type: "person",
      action: "identify",
      identifiers: person(m[1]!),
      attributes: { ...attributes, anonymous_id },
      cio_relationships,
    },
    ctx,
  );
}

function event(ws: string, identifiers: Obj, body: Obj, ctx: PeopleContext) {
  const type = body.type === "page" || body.type === "screen" ? body.type : "event";
  return applyEntity(
    ws,
    {
      type: "person",
      action: type,
      identifiers,
      name: body.name,
      id: body.id,
      attributes: body.data,
      timestamp: body.timestamp,
    },
    ctx,
  );
}

const routes: Route[] = [
  { method: "PUT", pattern: /^\/customers\/([^/]+)$/, run: identify },
  {
    method: "DELETE",
    pattern: /^\/customers\/([^/]+)$/,
    run: (ws, m) => applyEntity(ws, { type: "person", action: "delete", identifiers: person(m[1]!) }),
  },
  {
    method: "POST",
    pattern: /^\/customers\/([^/]+)\/events$/,
    run: (ws, m, b, ctx) => event(ws, person(m[1]!), b, ctx),
  },
  {
    method: "POST",
    pattern: /^\/events$/,
    run: async (ws, _m, b, ctx) => {
      if (typeof b.name !== "string" || b.name === "")
        throw new TrackApiError(400, "name is required", "required", "name");
      // An anonymous event without an anonymous_id only triggers campaigns in Customer.io: nothing to store.
      if (b.anonymous_id === undefined || b.anonymous_id === null || b.anonymous_id === "") return { ok: true };
      return event(ws, { anonymous_id: String(b.anonymous_id) }, b, ctx);
    },
  },
  {
    method: "PUT",
    pattern: /^\/customers\/([^/]+)\/devices$/,
    run: (ws, m, b, ctx) =>
      applyEntity(ws, { type: "person", action: "add_device", identifiers: person(m[1]!), device: b.device }, ctx),
  },
  {
    method: "DELETE",
    pattern: /^\/customers\/([^/]+)\/devices\/([^/]+)$/,
    run: (ws, m) =>
      applyEntity(ws, {
        type: "person",
        action: "delete_device",
        identifiers: person(m[1]!),
        device: { token: decodeURIComponent(m[2]!) },
      }),
  },
  {
    method: "POST",
    pattern: /^\/customers\/([^/]+)\/suppress$/,
    run: (ws, m) => applyEntity(ws, { type: "person", action: "suppress", identifiers: person(m[1]!) }),
  },
  {
    method: "POST",
    pattern: /^\/customers\/([^/]+)\/unsuppress$/,
    run: (ws, m) => applyEntity(ws, { type: "person", action: "unsuppress", identifiers: person(m[1]!) }),
  },
  {
    method: "POST",
    pattern: /^\/merge_customers$/,
    run: (ws, _m, b, ctx) =>
      applyEntity(ws, { type: "person", action: "merge", primary: b.primary, secondary: b.secondary }, ctx),
  },
];

/** The v1 route for a method and path under /api/v1, or what to answer when there is none. */
export function matchV1(
  method: string,
  path: string,
): { run: (ws: string, body: Obj, ctx: PeopleContext) => Promise<unknown> } | { status: 404 | 405 } {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method) return { run: (ws, body, ctx) => route.run(ws, m, body, ctx) };
  }
  return { status: pathMatched ? 405 : 404 };
}
