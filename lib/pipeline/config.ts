import "server-only";
import { db } from "@/lib/db";
import { getCatalogDestination } from "@/lib/destinations/catalog";
import { decryptSettings } from "@/lib/destinations/settings";
import { DEFAULT_BATCH_SIZE, DEFAULT_BATCH_WAIT_MS, parseDeliveryOptions, type DeliveryOptions } from "./options";

// What a runner needs to deliver for one destination, read from its rows: settings decrypted once per load,
// mappings parsed, delivery options resolved. Runners reload it every few seconds, so edits apply quickly.

export interface ActionConfig {
  id: string;
  name: string;
  actionKey: string;
  trigger: string;
  mapping: Record<string, unknown>;
  enabled: boolean;
  batching: boolean;
  batchSize: number;
  batchWaitMs: number;
}

export interface DestinationConfig {
  id: string;
  workspaceId: string;
  slug: string;
  enabled: boolean;
  /** The keys an event's `integrations` object may use for it (as Segment: the destination's names). */
  names: string[];
  settings: Record<string, unknown>;
  /** Set when the settings cannot be read (e.g. a changed encryption key): every perform fails with it. */
  settingsError: string | null;
  options: DeliveryOptions;
  sourceIds: string[];
  actions: ActionConfig[];
  createdAt: Date;
}

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** The destination's delivery configuration, or null when it no longer exists. */
export async function loadDestinationConfig(destinationId: string): Promise<DestinationConfig | null> {
  const row = await db.destination.findUnique({
    where: { id: destinationId },
    select: {
      id: true,
      workspaceId: true,
      slug: true,
      name: true,
      enabled: true,
      settings: true,
      delivery: true,
      createdAt: true,
      connections: { select: { sourceId: true } },
      actions: {
        select: {
          id: true,
          name: true,
          actionKey: true,
          trigger: true,
          mapping: true,
          enabled: true,
          batching: true,
          batchSize: true,
          batchWaitMs: true,
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!row) return null;
  let settings: Record<string, unknown> = {};
  let settingsError: string | null = null;
  try {
    settings = decryptSettings(row.slug, parseJson(row.settings));
  } catch (err) {
    settingsError = `The destination's settings cannot be read: ${err instanceof Error ? err.message : String(err)}`;
  }
  let catalogNames: string[] = [];
  try {
    const entry = getCatalogDestination(row.slug);
    if (entry) catalogNames = [entry.name, entry.segmentName];
  } catch {
    // no catalog file (e.g. in some tests): the user's name and the slug still match
  }
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    slug: row.slug,
    enabled: row.enabled,
    names: [row.name, row.slug, ...catalogNames],
    settings,
    settingsError,
    options: parseDeliveryOptions(row.delivery),
    sourceIds: row.connections.map((c) => c.sourceId).sort(),
    actions: row.actions.map((a) => ({
      ...a,
      mapping: parseJson(a.mapping),
      batchSize: Math.max(1, Math.min(1000, a.batchSize ?? DEFAULT_BATCH_SIZE)),
      batchWaitMs: Math.max(0, Math.min(60_000, a.batchWaitMs ?? DEFAULT_BATCH_WAIT_MS)),
    })),
    createdAt: row.createdAt,
  };
}

/** Enabled destinations (the ones workers claim), with what lazily creating their cursor needs. */
export async function listEnabledDestinations(): Promise<{ id: string; workspaceId: string; createdAt: Date }[]> {
  return db.destination.findMany({
    where: { enabled: true },
    select: { id: true, workspaceId: true, createdAt: true },
    orderBy: { id: "asc" },
  });
}
