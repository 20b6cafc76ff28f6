import "server-only";
import type { DestinationDefinition } from "@segment/actions-core";
import { AppError } from "@/lib/api/errors";
import { builtinLoaders } from "./builtin";
import { definitionLoaders } from "./loaders.generated";

// One definition at a time, on first use: the whole @segment/action-destinations index costs ~1.5 s and
// 150 MB, one definition ~20 ms. A Sluice built-in wins over a Segment definition of the same slug.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDestinationDefinition = DestinationDefinition<any>;

const cache = new Map<string, AnyDestinationDefinition>();

export function isKnownDestination(slug: string): boolean {
  return Object.hasOwn(builtinLoaders, slug) || Object.hasOwn(definitionLoaders, slug);
}

export function isBuiltinDestination(slug: string): boolean {
  return Object.hasOwn(builtinLoaders, slug);
}

/** The definition of a catalogued destination; AppError("not_found") for a slug the catalog does not hold. */
export function loadDefinition(slug: string): AnyDestinationDefinition {
  const cached = cache.get(slug);
  if (cached) return cached;
  let definition: AnyDestinationDefinition;
  if (Object.hasOwn(builtinLoaders, slug)) definition = builtinLoaders[slug]().definition;
  else if (Object.hasOwn(definitionLoaders, slug))
    definition = definitionLoaders[slug]().default as AnyDestinationDefinition;
  else throw new AppError("not_found", `There is no destination type "${slug}"`);
  cache.set(slug, definition);
  return definition;
}
