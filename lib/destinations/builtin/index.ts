import "server-only";
import type { DestinationDefinition } from "@segment/actions-core";
import type { CatalogLogo } from "@/lib/destinations/types";

// Sluice's own destinations, one file each under lib/destinations/builtin/, written as actions-core
// definitions (fields, presets, perform) so the catalog, the API and the delivery engine treat them like
// Segment's. Register a new one here; the Journeys store is the first to come (TODO(#14)).
export type BuiltinDestination = {
  definition: DestinationDefinition<Record<string, unknown>>;
  category: string;
  logo?: CatalogLogo | null;
};

export const builtinLoaders: Record<string, () => BuiltinDestination> = {};
