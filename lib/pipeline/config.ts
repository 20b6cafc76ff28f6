import "server-only";
import { decryptDefinitionSettings, definitionNames } from "@/lib/destinations/definition-secrets";
import { readEventsWithState, type DestinationState } from "./events";
import { DEFAULT_BATCH_SIZE, DEFAULT_BATCH_WAIT_MS, parseDeliveryOptions, type DeliveryOptions } from "./options";
import { readDate, Sql } from "./sql";

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
  /** Destination.configVersion when loaded: it changes with every edit of the above. */
  version: number;
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

type DestinationRow = {
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
  enabled: unknown;
  settings: string | null;
  delivery: string | null;
  createdAt: unknown;
  configVersion: unknown;
};
type ActionRow = {
  id: string;
  name: string;
  actionKey: string;
  trigger: string;
  mapping: string;
  enabled: unknown;
  batching: unknown;
  batchSize: unknown;
  batchWaitMs: unknown;
};

const isTrue = (v: unknown) => v === true || v === 1 || v === 1n || v === "1" || v === "t";
const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The destination's delivery configuration, or null when it no longer exists. Raw SQL on the worker's own
 *  connection (every runner reloads it every few seconds: with hundreds of destinations Prisma's query path
 *  showed in profiles); secrets are decrypted with the keys its definition names (no catalog in the worker). */
export async function loadDestinationConfig(destinationId: string): Promise<DestinationConfig | null> {
  const q = new Sql();
  const [row] = await q.query<DestinationRow>(
    `SELECT "id","workspaceId","slug","name","enabled","settings","delivery","createdAt","configVersion" FROM "Destination"
     WHERE "id" = ${q.v(destinationId)}`,
  );
  if (!row) return null;
  const c = new Sql();
  const connections = await c.query<{ sourceId: string }>(
    `SELECT "sourceId" FROM "Connection" WHERE "destinationId" = ${c.v(destinationId)}`,
  );
  const a = new Sql();
  const actions = await a.query<ActionRow>(
    `SELECT "id","name","actionKey","trigger","mapping","enabled","batching","batchSize","batchWaitMs" FROM "Action"
     WHERE "destinationId" = ${a.v(destinationId)} ORDER BY "createdAt", "id"`,
  );
  let settings: Record<string, unknown> = {};
  let settingsError: string | null = null;
  try {
    settings = decryptDefinitionSettings(row.slug, parseJson(row.settings));
  } catch (err) {
    settingsError = `The destination's settings cannot be read: ${err instanceof Error ? err.message : String(err)}`;
  }
  let catalogNames: string[] = [];
  try {
    catalogNames = definitionNames(row.slug);
  } catch {
    // an unknown type: the user's name and the slug still match
  }
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    slug: row.slug,
    enabled: isTrue(row.enabled),
    names: [row.name, row.slug, ...catalogNames],
    settings,
    settingsError,
    options: parseDeliveryOptions(row.delivery),
    sourceIds: connections.map((x) => x.sourceId).sort(),
    actions: actions.map((x) => ({
      id: x.id,
      name: x.name,
      actionKey: x.actionKey,
      trigger: x.trigger,
      enabled: isTrue(x.enabled),
      batching: isTrue(x.batching),
      mapping: parseJson(x.mapping),
      batchSize: Math.max(1, Math.min(1000, intOrNull(x.batchSize) ?? DEFAULT_BATCH_SIZE)),
      batchWaitMs: Math.max(0, Math.min(60_000, intOrNull(x.batchWaitMs) ?? DEFAULT_BATCH_WAIT_MS)),
    })),
    createdAt: readDate(row.createdAt),
    version: Number(row.configVersion),
  };
}

/** One row for a runner's freshness check: the destination's configVersion and its cursor's position while
 *  `owner` holds the lease. Null when the destination no longer exists. */
export async function destinationState(owner: string, destinationId: string): Promise<DestinationState | null> {
  return (await readEventsWithState(owner, destinationId, 0n, 0, { upTo: 0n, sourceIds: [] })).state;
}

/** Enabled destinations (the ones workers claim), with what lazily creating their cursor needs. */
export async function listEnabledDestinations(): Promise<{ id: string; workspaceId: string; createdAt: Date }[]> {
  const q = new Sql();
  const rows = await q.query<{ id: string; workspaceId: string; createdAt: unknown }>(
    `SELECT "id","workspaceId","createdAt" FROM "Destination" WHERE "enabled" = ${q.v(true, "bool")} ORDER BY "id"`,
  );
  return rows.map((r) => ({ id: r.id, workspaceId: r.workspaceId, createdAt: readDate(r.createdAt) }));
}
