import "server-only";
import { decryptSecret } from "@/lib/crypto";
import { displayName, isSecretSetting } from "./catalog-build.cjs";
import { loadDefinition } from "./definitions";

// The delivery worker's view of a destination type's secrets, from its definition alone (which it loads to
// perform anyway): the same keys the catalog flags (catalog-build.cjs's isSecretSetting over the definition's
// visible settings fields), without reading the whole generated catalog (4.6 MB of JSON, ~27 MB of memory) into a
// process that only delivers.

const keysBySlug = new Map<string, string[]>();

/** The settings keys stored encrypted for this type (settings.ts's secretFieldKeys, without the catalog). */
export function definitionSecretKeys(slug: string): string[] {
  let keys = keysBySlug.get(slug);
  if (keys) return keys;
  const fields = loadDefinition(slug).authentication?.fields ?? {};
  keys = Object.entries(fields)
    .filter(([key, field]) => !field.unsafe_hidden && isSecretSetting(key, field))
    .map(([key]) => key);
  keysBySlug.set(slug, keys);
  return keys;
}

/** The destination's stored settings with its secrets decrypted (settings.ts's decryptSettings). */
export function decryptDefinitionSettings(slug: string, stored: Record<string, unknown>): Record<string, unknown> {
  const secrets = new Set(definitionSecretKeys(slug));
  return Object.fromEntries(
    Object.entries(stored).map(([k, v]) => [k, secrets.has(k) && typeof v === "string" ? decryptSecret(v) : v]),
  );
}

/** The names of the destination type an `integrations` object may use: the catalog's and Segment's own
 *  (the definition's, e.g. "Mixpanel (Actions)"), without parsing the catalog. */
export function definitionNames(slug: string): string[] {
  const name = loadDefinition(slug).name;
  return [displayName(slug, name), name];
}
