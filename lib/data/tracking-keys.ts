import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto";
import { hashToken } from "@/lib/auth/tokens";
import type { CreateTrackingKeyInput, UpdateTrackingKeyInput } from "@/lib/schemas/tracking-keys";
import type { Actor } from "@/lib/api/handler";
import { recordAudit } from "./audit";
import {
  createTrackingKeySource,
  disableTrackingKeySource,
  renameTrackingKeySource,
  trackingKeyIdsWithSources,
} from "./tracking-key-sources";

// Tracking API keys are Customer.io's Site ID + API key pairs: the Track API and in-app messaging use them.
// The API key is a secret: stored encrypted (to reveal it) and hashed (to look it up), listed masked.

export type TrackingKeyDto = {
  id: string;
  name: string;
  siteId: string;
  apiKeyMasked: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const select = {
  id: true,
  name: true,
  siteId: true,
  apiKeyEncrypted: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

type Row = { id: string; name: string; siteId: string; apiKeyEncrypted: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function toDto(row: Row): TrackingKeyDto {
  return {
    id: row.id,
    name: row.name,
    siteId: row.siteId,
    apiKeyMasked: maskSecret(decryptSecret(row.apiKeyEncrypted)),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

function newApiKey() {
  const apiKey = crypto.randomBytes(10).toString("hex"); // 20 hex characters, like Customer.io's
  return { apiKey, apiKeyEncrypted: encryptSecret(apiKey), apiKeyHash: hashToken(apiKey) };
}

async function findKey(workspaceId: string, id: string): Promise<Row> {
  const row = await db.trackingApiKey.findFirst({ where: { id, workspaceId }, select });
  if (!row) throw new AppError("not_found", "Tracking API key not found");
  return row;
}

export async function listTrackingKeys(workspaceId: string): Promise<TrackingKeyDto[]> {
  const rows = await db.trackingApiKey.findMany({ where: { workspaceId }, select, orderBy: { createdAt: "asc" } });
  return rows.map(toDto);
}

/** Creates a key; the response carries the API key in plaintext this once. With `asSource` (the default) the
 *  key gets its source, under which its Track API calls are stored. */
export async function createTrackingKey(
  workspaceId: string,
  input: CreateTrackingKeyInput,
  { asSource = true, actor }: { asSource?: boolean; actor?: Actor } = {},
) {
  const { apiKey, ...secret } = newApiKey();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.trackingApiKey.create({
      data: { workspaceId, name: input.name, siteId: crypto.randomBytes(10).toString("hex"), ...secret },
      select,
    });
    if (asSource) await createTrackingKeySource(tx, workspaceId, created);
    await recordAudit(tx, workspaceId, actor, "tracking_key.create", { type: "tracking_key", id: created.id, details: input });
    return created;
  });
  return { ...toDto(row), apiKey };
}

export async function renameTrackingKey(workspaceId: string, id: string, input: UpdateTrackingKeyInput, actor?: Actor) {
  await findKey(workspaceId, id);
  return db.$transaction(async (tx) => {
    await renameTrackingKeySource(tx, workspaceId, id, input.name);
    const row = await tx.trackingApiKey.update({ where: { id }, data: { name: input.name }, select });
    await recordAudit(tx, workspaceId, actor, "tracking_key.rename", { type: "tracking_key", id, details: input });
    return toDto(row);
  });
}

/** A new API key for the same Site ID; the old one stops working at once. */
export async function regenerateTrackingKey(workspaceId: string, id: string, actor?: Actor) {
  const key = await findKey(workspaceId, id);
  if (key.revokedAt) throw new AppError("conflict", "This key is revoked; create a new one instead");
  const { apiKey, ...secret } = newApiKey();
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.trackingApiKey.update({ where: { id }, data: secret, select });
    await recordAudit(tx, workspaceId, actor, "tracking_key.regenerate", { type: "tracking_key", id });
    return updated;
  });
  return { ...toDto(row), apiKey };
}

/** The API key in plaintext; who saw it is recorded before it is handed out. */
export async function revealTrackingKey(workspaceId: string, id: string, actor?: Actor): Promise<string> {
  const key = await findKey(workspaceId, id);
  await recordAudit(db, workspaceId, actor, "tracking_key.reveal", { type: "tracking_key", id });
  return decryptSecret(key.apiKeyEncrypted);
}

export async function revokeTrackingKey(workspaceId: string, id: string, actor?: Actor) {
  const key = await findKey(workspaceId, id);
  if (key.revokedAt) return toDto(key);
  return db.$transaction(async (tx) => {
    await disableTrackingKeySource(tx, workspaceId, id);
    const row = await tx.trackingApiKey.update({ where: { id }, data: { revokedAt: new Date() }, select });
    await recordAudit(tx, workspaceId, actor, "tracking_key.revoke", { type: "tracking_key", id });
    return toDto(row);
  });
}

/** The Site ID in-app messaging uses: the source's chosen key, else the workspace's first active key that
 *  people made (the key made for the Journeys destination, which has no source of its own, comes last). */
export async function getInAppSiteId(workspaceId: string, preferredKeyId?: string | null): Promise<string | null> {
  return (await getInAppKey(workspaceId, preferredKeyId))?.siteId ?? null;
}

/** The tracking key whose Site ID in-app messaging uses: the source's pick, else the first key people made (not
 *  the Journeys destination's own), else the first active one. */
export async function getInAppKey(
  workspaceId: string,
  preferredKeyId?: string | null,
): Promise<{ id: string; name: string; siteId: string } | null> {
  const keys = await db.trackingApiKey.findMany({
    where: { workspaceId, revokedAt: null },
    select: { id: true, name: true, siteId: true },
    orderBy: { createdAt: "asc" },
  });
  const preferred = keys.find((k) => k.id === preferredKeyId);
  if (preferred) return preferred;
  const withSource = await trackingKeyIdsWithSources(workspaceId);
  return keys.find((k) => withSource.has(k.id)) ?? keys[0] ?? null;
}
