import { androidSource } from "./android";
import { flutterSource } from "./flutter";
import { goSource } from "./go";
import { httpSource } from "./http";
import { iosSource } from "./ios";
import { javascriptSource } from "./javascript";
import { nodejsSource } from "./nodejs";
import { pythonSource } from "./python";
import { reactNativeSource } from "./react-native";
import type { SnippetContext, Snippet, SourceCatalogEntry, SourceCategory, SourceDefinition } from "./types";

// The source catalog: one definition per type, in catalog order. Isomorphic (no server code), so the
// catalog UI, the zod schema and the install endpoint share it.

export type { SnippetContext, Snippet, SourceCatalogEntry, SourceCategory, SourceDefinition } from "./types";

export const sourceDefinitions: readonly SourceDefinition[] = [
  javascriptSource,
  nodejsSource,
  pythonSource,
  goSource,
  httpSource,
  iosSource,
  androidSource,
  reactNativeSource,
  flutterSource,
];

/** Source types the catalog lists so people can find them, but that cannot be created in this version yet. */
export const plannedSources: { type: string; name: string; category: SourceCategory; description: string }[] = [
  {
    type: "webhook",
    name: "Incoming webhook",
    category: "other",
    description: "Turn webhooks from other services into identify and track calls with a mapping.",
  },
  {
    type: "reverse-etl",
    name: "Reverse ETL database",
    category: "other",
    description: "Sync rows from PostgreSQL, MySQL or a warehouse on a schedule as identify, track or group calls.",
  },
];

export const sourceTypeIds = sourceDefinitions.map((d) => d.type) as [string, ...string[]];

export const sourceCategories: { id: SourceCategory; label: string }[] = [
  { id: "website", label: "Website" },
  { id: "server", label: "Server" },
  { id: "mobile", label: "Mobile" },
  { id: "other", label: "Other" },
];

const byType = new Map(sourceDefinitions.map((d) => [d.type, d]));

export function getSourceDefinition(type: string): SourceDefinition | undefined {
  return byType.get(type);
}

/** The catalog without functions: what GET /api/catalog/sources returns. */
export function getSourceCatalog(): SourceCatalogEntry[] {
  return sourceDefinitions.map((definition) => {
    const entry: Partial<SourceDefinition> = { ...definition };
    delete entry.snippets;
    return entry as SourceCatalogEntry;
  });
}

export function renderSnippets(type: string, ctx: SnippetContext): Snippet[] {
  const definition = getSourceDefinition(type);
  if (!definition) return [];
  return definition.snippets({ ...ctx, siteId: definition.supportsInApp ? ctx.siteId : null });
}
