import "server-only";
import fs from "node:fs";
import path from "node:path";
import { builtinLoaders } from "./builtin";
import { toCatalogDestination } from "./catalog-build.cjs";
import type { CatalogDestination, CatalogDestinationSummary } from "./types";

// The catalog the API serves: Segment's destinations from the JSON generated at install/build time
// (lib/destinations/generate-catalog.cjs), plus Sluice's built-ins converted from their definitions. Read once
// per process; never bundled into the browser (the UI fetches /api/catalog/destinations).
const GENERATED = path.join(process.cwd(), "lib", "destinations", "catalog.generated.json");

let catalog: { list: CatalogDestination[]; bySlug: Map<string, CatalogDestination> } | null = null;

function readGenerated(): CatalogDestination[] {
  let text: string;
  try {
    text = fs.readFileSync(GENERATED, "utf8");
  } catch {
    throw new Error(
      `The destination catalog ${GENERATED} is missing: run \`npm run catalog\` (it also runs at install and build)`,
    );
  }
  return JSON.parse(text) as CatalogDestination[];
}

function load() {
  if (catalog) return catalog;
  const builtins = Object.entries(builtinLoaders).map(([slug, load]) => {
    const b = load();
    return {
      ...toCatalogDestination(slug, b.definition, { builtin: true, logo: b.logo ?? null }),
      category: b.category,
    };
  });
  const builtinSlugs = new Set(builtins.map((b) => b.slug));
  const list = [...builtins, ...readGenerated().filter((d) => !builtinSlugs.has(d.slug))];
  catalog = { list, bySlug: new Map(list.map((d) => [d.slug, d])) };
  return catalog;
}

export function listCatalogDestinations(): CatalogDestinationSummary[] {
  return load().list.map((d) => ({
    slug: d.slug,
    name: d.name,
    description: d.description,
    category: d.category,
    keywords: d.keywords,
    logo: d.logo,
    builtin: d.builtin,
    actionCount: d.actions.length,
  }));
}

export function getCatalogDestination(slug: string): CatalogDestination | null {
  return load().bySlug.get(slug) ?? null;
}
