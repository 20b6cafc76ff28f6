import type { CatalogDestination } from "./types";

export function generate(): {
  version: string;
  catalog: CatalogDestination[];
  leftOut: { slug: string; reason: string }[];
  counts: { destinations: number; actions: number; presets: number; withLogo: number; leftOut: number };
};
