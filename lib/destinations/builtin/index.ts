import "server-only";
import type { DestinationDefinition } from "@segment/actions-core";
import type { CatalogLogo } from "@/lib/destinations/types";
import { journeysDestination } from "./customerio";

// Sluice's own destinations, one file each under lib/destinations/builtin/, written as actions-core
// definitions (fields, presets, perform) so the catalog, the API and the delivery engine treat them like
// Segment's. Register a new one here. `customerio` replaces Segment's definition of that slug with the
// Journeys destination (the same definition, pointed at Sluice's own Track API by default).
export type BuiltinDestination = {
  definition: DestinationDefinition<Record<string, unknown>>;
  category: string;
  logo?: CatalogLogo | null;
};

export const builtinLoaders: Record<string, () => BuiltinDestination> = {
  customerio: () => journeysDestination,
};
