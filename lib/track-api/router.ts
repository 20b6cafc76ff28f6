import "server-only";
import type { PeopleContext } from "@/lib/people";
import { authenticateTrackKey, type TrackKey } from "./auth";
import { applyEntity } from "./entity";
import { errorResponse, json, ok, toItemError, TrackApiError, type ItemError, type TrackApiVersion } from "./respond";
import { collectApplied, recordApplied } from "./record";
import { matchV1 } from "./v1";

// Customer.io's Track API on Sluice's host, independent of the HTTP stack: the Next.js routes under
// app/api/v1, app/api/v2 and app/auth call it, and so does the Journeys destination in-process (its requests
// to the internal host never touch the network). Authenticated by a tracking API key; it writes the people store.

export const LIMITS = { callBytes: 32 * 1024, batchBytes: 500 * 1024, batchItems: 1000 };

export type TrackApiOptions = {
  publicUrl?: string;
  /** Store what the request applied as calls of the tracking key's source (not for in-process calls). */
  isRecorded?: boolean;
};

async function readJson(req: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new TrackApiError(413, `The request body is larger than ${limit / 1024} KB`, "too_large");
  const text = req.body ? await req.text() : "";
  if (Buffer.byteLength(text) > limit)
    throw new TrackApiError(413, `The request body is larger than ${limit / 1024} KB`, "too_large");
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TrackApiError(400, "The request body is not valid JSON", "invalid");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new TrackApiError(400, "The request body must be a JSON object", "invalid");
  }
  return body as Record<string, unknown>;
}

function contextOf(key: TrackKey): PeopleContext {
  return { via: key.name };
}

async function batch(key: TrackKey, body: Record<string, unknown>): Promise<Response> {
  const items = body.batch;
  if (!Array.isArray(items)) throw new TrackApiError(400, '"batch" must be an array of operations', "invalid", "batch");
  if (items.length > LIMITS.batchItems) {
    throw new TrackApiError(400, `A batch holds at most ${LIMITS.batchItems} operations`, "invalid", "batch");
  }
  const errors: ItemError[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      if (Buffer.byteLength(JSON.stringify(items[i])) > LIMITS.callBytes) {
        throw new TrackApiError(400, "The operation is larger than 32 KB", "too_large");
      }
      await applyEntity(key.workspaceId, items[i], contextOf(key));
    } catch (err) {
      const { status: _status, ...item } = toItemError(err);
      void _status;
      errors.push({ batch_index: i, ...item });
    }
  }
  return errors.length ? json(207, { errors }) : ok();
}

async function route(req: Request, path: string, options: TrackApiOptions): Promise<Response> {
  const key = await authenticateTrackKey(req.headers.get("authorization"));
  if (options.isRecorded === false) return routeFor(req, path, options, key);
  const { result, operations } = collectApplied(() => routeFor(req, path, options, key));
  const response = await result.catch(async (err) => {
    await recordApplied(key, operations);
    throw err;
  });
  await recordApplied(key, operations);
  return response;
}

async function routeFor(req: Request, path: string, options: TrackApiOptions, key: TrackKey): Promise<Response> {
  const method = req.method.toUpperCase();
  if (path === "/auth") return json(200, { meta: { message: "Authenticated" } });
  if (path === "/api/v1/accounts/region") {
    return json(200, {
      url: options.publicUrl ?? new URL(req.url).origin,
      data_center: "sluice",
      environment_id: key.siteId,
    });
  }
  if (path === "/api/v2/entity" || path === "/api/v2/batch") {
    if (method !== "POST") throw new TrackApiError(405, "Use POST", "method");
    if (path === "/api/v2/batch") return batch(key, await readJson(req, LIMITS.batchBytes));
    await applyEntity(key.workspaceId, await readJson(req, LIMITS.callBytes), contextOf(key));
    return ok();
  }
  if (path.startsWith("/api/v1/")) {
    const match = matchV1(method, path.slice("/api/v1".length));
    if ("status" in match)
      throw new TrackApiError(match.status, match.status === 404 ? "Not found" : "Method not allowed");
    await match.run(key.workspaceId, await readJson(req, LIMITS.callBytes), contextOf(key));
    return ok();
  }
  throw new TrackApiError(404, "Not found");
}

/** Answers one Track API request (any path this API has) the way Customer.io's does. */
export async function handleTrackApi(req: Request, options: TrackApiOptions = {}): Promise<Response> {
  const path = new URL(req.url).pathname.replace(/\/+$/, "") || "/";
  const version: TrackApiVersion = path.startsWith("/api/v2/") ? "v2" : "v1";
  try {
    return await route(req, path, options);
  } catch (err) {
    return errorResponse(version, err);
  }
}
