import type { CatalogDestinationSummary } from "@/lib/destinations/types";

// Catalog browsing, kept pure: categories with their counts, and a search over the name and over what a
// destination does (its description, keywords and category), every typed word having to match.

export type CatalogCategory = { id: string; label: string; count: number };

export function listCategories(entries: CatalogDestinationSummary[]): CatalogCategory[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([id, count]) => ({ id, label: id, count }));
}

function haystack(e: CatalogDestinationSummary): string {
  return [e.name, e.slug, e.description, e.category, ...e.keywords].join(" ").toLowerCase();
}

/** Entries in `category` ("all" for every one) matching every word of `query`; name matches first. */
export function filterCatalog(
  entries: CatalogDestinationSummary[],
  category: string,
  query: string,
): CatalogDestinationSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const q = words.join(" ");
  const matches = entries.filter(
    (e) => (category === "all" || e.category === category) && words.every((w) => haystack(e).includes(w)),
  );
  const rank = (e: CatalogDestinationSummary) =>
    !q ? (e.builtin ? 0 : 1) : e.name.toLowerCase().startsWith(q) ? 0 : e.name.toLowerCase().includes(q) ? 1 : 2;
  return matches.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
