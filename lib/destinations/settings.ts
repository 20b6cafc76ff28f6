import "server-only";
import { AppError } from "@/lib/api/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { getCatalogDestination } from "./catalog";
import { core } from "./core";
import { loadDefinition } from "./definitions";

// A destination's settings as stored: the definition's settings with every secret field encrypted
// (lib/crypto.ts). Secrets never leave the server: DTOs carry the other settings plus the names of the secrets
// that have a value.
export type Settings = Record<string, unknown>;

/** The settings keys of a destination type that are stored encrypted and never returned. */
export function secretFieldKeys(slug: string): string[] {
  const entry = getCatalogDestination(slug);
  if (!entry) throw new AppError("not_found", `There is no destination type "${slug}"`);
  return entry.settings.filter((f) => f.secret).map((f) => f.key);
}

export function encryptSettings(slug: string, plain: Settings): Settings {
  const secrets = new Set(secretFieldKeys(slug));
  return Object.fromEntries(
    Object.entries(plain).map(([k, v]) => [k, secrets.has(k) && v != null ? encryptSecret(String(v)) : v]),
  );
}

export function decryptSettings(slug: string, stored: Settings): Settings {
  const secrets = new Set(secretFieldKeys(slug));
  return Object.fromEntries(
    Object.entries(stored).map(([k, v]) => [k, secrets.has(k) && typeof v === "string" ? decryptSecret(v) : v]),
  );
}

/** What the API may show of stored settings: the non-secret values, and which secrets are set. */
export function publicSettings(slug: string, stored: Settings): { settings: Settings; secretsSet: string[] } {
  const secrets = new Set(secretFieldKeys(slug));
  const settings: Settings = {};
  const secretsSet: string[] = [];
  for (const [k, v] of Object.entries(stored)) {
    if (!secrets.has(k)) settings[k] = v;
    else if (v != null && v !== "") secretsSet.push(k);
  }
  return { settings, secretsSet: secretsSet.sort() };
}

/** A PATCH over plain settings: a key left out keeps its value, null clears it, anything else replaces it. */
export function mergeSettings(current: Settings, patch: Settings): Settings {
  const next: Settings = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

// An empty form input means "not set"; sent on, "" would fail formats such as uri.
function withoutEmpty(settings: Settings): Settings {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

type AjvIssue = { pointer?: string; message?: string };

function fieldOf(issue: AjvIssue): string {
  const missing = /required field '([^']+)'/.exec(issue.message ?? "");
  if (missing) return missing[1];
  return (issue.pointer ?? "").replace(/^\//, "").split("/")[0] || "_";
}

const destinations = new Map<string, InstanceType<typeof core.Destination>>();

/**
 * Validates plain settings with the definition's own settings schema (actions-core's validateSettings) and
 * answers them as the schema reads them (types coerced, unknown keys dropped). Throws a 422 whose
 * `details.fields` is keyed `settings.<key>`.
 */
export function validateSettings(slug: string, plain: Settings): Settings {
  let destination = destinations.get(slug);
  if (!destination) {
    destination = new core.Destination(loadDefinition(slug));
    destinations.set(slug, destination);
  }
  const settings = withoutEmpty(plain);
  const known = new Set(getCatalogDestination(slug)?.settings.map((f) => f.key) ?? []);
  const unknown = Object.keys(settings).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    const name = destination.name;
    const fields = Object.fromEntries(unknown.map((k) => [`settings.${k}`, [`${name} has no setting “${k}”`]]));
    throw new AppError("validation_failed", "Some settings are invalid", { fields });
  }
  try {
    destination.validateSettings(settings);
  } catch (err) {
    const issues = (err as { errors?: AjvIssue[] }).errors;
    if (!Array.isArray(issues)) throw err;
    const fields: Record<string, string[]> = {};
    for (const issue of issues) (fields[`settings.${fieldOf(issue)}`] ??= []).push(issue.message ?? "Invalid value");
    throw new AppError("validation_failed", "Some settings are invalid", { fields });
  }
  return settings;
}
