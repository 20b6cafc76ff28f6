import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/pg/client";

type Tx = Prisma.TransactionClient;

// Each tracking API key appears as a source, "Journeys API — <key name>": the Track API's calls are stored
// under it (lib/track-api/record.ts), so the debugger shows them and they count like any other. The source is an
// HTTP source whose settings name its key; renaming the key renames it, revoking the key disables it.

export const TRACK_API_SOURCE_PREFIX = "Journeys API — ";

const sourceName = (keyName: string) => `${TRACK_API_SOURCE_PREFIX}${keyName}`.slice(0, 100);

export async function createTrackingKeySource(tx: Tx, workspaceId: string, key: { id: string; name: string }) {
  return tx.source.create({
    data: {
      workspaceId,
      type: "http",
      name: sourceName(key.name),
      writeKey: `wk_${crypto.randomBytes(16).toString("hex")}`,
      settings: JSON.stringify({ trackingKeyId: key.id }),
    },
    select: { id: true },
  });
}

/** The source a tracking key's Track API calls are stored under (null for the Journeys destination's own key). */
export async function sourceForTrackingKey(workspaceId: string, keyId: string, client: Tx = db) {
  return client.source.findFirst({
    where: { workspaceId, type: "http", settings: JSON.stringify({ trackingKeyId: keyId }) },
    select: { id: true, workspaceId: true, writeKey: true, enabled: true, name: true, firstEventAt: true },
  });
}

export async function renameTrackingKeySource(tx: Tx, workspaceId: string, keyId: string, name: string) {
  const source = await sourceForTrackingKey(workspaceId, keyId, tx);
  if (source) await tx.source.update({ where: { id: source.id }, data: { name: sourceName(name) }, select: { id: true } });
}

export async function disableTrackingKeySource(tx: Tx, workspaceId: string, keyId: string) {
  const source = await sourceForTrackingKey(workspaceId, keyId, tx);
  if (source) await tx.source.update({ where: { id: source.id }, data: { enabled: false }, select: { id: true } });
}

/** The tracking key a source stores the Track API calls of, from its settings; null for any other source. */
export function trackingKeyIdOf(source: { type: string; settings: string | null }): string | null {
  if (source.type !== "http" || !source.settings?.startsWith('{"trackingKeyId":')) return null;
  const id = (JSON.parse(source.settings) as { trackingKeyId?: unknown }).trackingKeyId;
  return typeof id === "string" ? id : null;
}

/** The tracking keys of the workspace that have their source (those people created). */
export async function trackingKeyIdsWithSources(workspaceId: string): Promise<Set<string>> {
  const rows = await db.source.findMany({
    where: { workspaceId, type: "http", settings: { startsWith: '{"trackingKeyId":' } },
    select: { settings: true },
  });
  return new Set(rows.map((r) => (JSON.parse(r.settings ?? "{}") as { trackingKeyId?: string }).trackingKeyId ?? ""));
}
