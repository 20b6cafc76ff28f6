import { isObject } from "./calls";
import type { IngestRequest } from "./types";

// What a request says about its caller: write key, address, browser or not.

/** `Authorization: Basic base64("<writeKey>:")`; other schemes (Bearer) leave the key to the body. */
export function basicAuthKey(header: string | undefined): string | undefined {
  const m = header?.match(/^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const key = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
  return key === "" ? undefined : key;
}

/** basicAuthKey, remembered per header value: a busy SDK sends the same header on every call. */
const keysByHeader = new Map<string, string | undefined>();
export function basicAuthKeyCached(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (keysByHeader.has(header)) return keysByHeader.get(header);
  const key = basicAuthKey(header);
  if (keysByHeader.size >= 1000) keysByHeader.clear();
  keysByHeader.set(header, key);
  return key;
}

export function bodyWriteKey(body: Record<string, unknown>): string | undefined {
  if (typeof body.writeKey === "string" && body.writeKey) return body.writeKey;
  const first = Array.isArray(body.batch) ? body.batch[0] : undefined;
  return isObject(first) && typeof first.writeKey === "string" && first.writeKey ? first.writeKey : undefined;
}

export function clientIp(req: IngestRequest): string | undefined {
  const forwarded = req.header("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || req.remoteAddress;
  return ip?.startsWith("::ffff:") ? ip.slice(7) : ip;
}

export function isBrowserLibrary(body: Record<string, unknown>): boolean {
  const first = Array.isArray(body.batch) ? body.batch[0] : body;
  const context = isObject(first) && isObject(first.context) ? first.context : undefined;
  return isObject(context?.library) && context.library.name === "analytics.js";
}
