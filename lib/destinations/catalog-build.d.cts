import type { CatalogDestination, CatalogLogo } from "./types";

export function toCatalogDestination(
  slug: string,
  def: unknown,
  options?: { builtin?: boolean; logo?: CatalogLogo | null },
): CatalogDestination;
export function cloudActions(def: unknown): [string, Record<string, unknown>][];
/** The name users know a catalogued definition by (Segment's without "(Actions)" and the like). */
export function displayName(slug: string, name: string): string;
export function isSecretSetting(key: string, field: { type?: string; label?: string }): boolean;
