import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { TrackApiError } from "./respond";

// The Track API authenticates with a tracking API key: `Authorization: Basic base64(siteId:apiKey)`.

export type TrackKey = { workspaceId: string; keyId: string; name: string; siteId: string };

const LAST_USED_EVERY_MS = 60_000;

function parseBasic(header: string | null): { siteId: string; apiKey: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header) : null;
  if (!match) return null;
  const text = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon <= 0) return null;
  return { siteId: text.slice(0, colon), apiKey: text.slice(colon + 1) };
}

export async function authenticateTrackKey(header: string | null): Promise<TrackKey> {
  const creds = parseBasic(header);
  if (!creds) {
    throw new TrackApiError(
      401,
      "Unauthorized request: send your Site ID and API key as HTTP Basic authentication",
      "unauthorized",
    );
  }
  const key = await db.trackingApiKey.findUnique({
    where: { siteId: creds.siteId },
    select: {
      id: true,
      workspaceId: true,
      name: true,
      siteId: true,
      apiKeyHash: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  if (!key || key.apiKeyHash !== hashToken(creds.apiKey)) {
    throw new TrackApiError(
      401,
      "Unauthorized request: the Site ID and API key do not match a tracking API key",
      "unauthorized",
    );
  }
  if (key.revokedAt) {
    throw new TrackApiError(
      401,
      `Unauthorized request: the tracking API key "${key.name}" has been revoked`,
      "unauthorized",
    );
  }
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db.trackingApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
  return { workspaceId: key.workspaceId, keyId: key.id, name: key.name, siteId: key.siteId };
}
