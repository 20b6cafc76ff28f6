// Attributes are added or updated by identify and never removed by omission; an explicit null or "" removes
// one (Customer.io's rule). Each attribute keeps the time it last changed.

export type Attributes = Record<string, unknown>;
export type AttributeTimes = Record<string, string>;

/** Names that are identifiers or instructions, not attributes. */
const NOT_ATTRIBUTES = new Set(["id", "cio_id", "anonymous_id"]);

export function isRemoval(value: unknown): boolean {
  return value === null || value === "";
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export type MergeResult = { attributes: Attributes; times: AttributeTimes; changed: string[] };

export function mergeAttributes(
  current: Attributes,
  times: AttributeTimes,
  updates: Attributes,
  now: Date,
): MergeResult {
  const attributes = { ...current };
  const nextTimes = { ...times };
  const changed: string[] = [];
  const at = now.toISOString();
  for (const [key, value] of Object.entries(updates)) {
    if (NOT_ATTRIBUTES.has(key) || value === undefined) continue;
    if (isRemoval(value)) {
      if (!Object.hasOwn(attributes, key)) continue;
      delete attributes[key];
      delete nextTimes[key];
      changed.push(key);
      continue;
    }
    if (Object.hasOwn(attributes, key) && sameValue(attributes[key], value)) continue;
    attributes[key] = value;
    nextTimes[key] = at;
    changed.push(key);
  }
  return { attributes, times: nextTimes, changed };
}

/** The secondary's attributes the primary lacks (a merge keeps the primary's values). */
export function fillMissing(primary: Attributes, secondary: Attributes): Attributes {
  const out = { ...primary };
  for (const [key, value] of Object.entries(secondary)) if (!Object.hasOwn(out, key)) out[key] = value;
  return out;
}

const MAX_SEARCH_TEXT = 4000;

/** What the People search matches: the identifiers and every scalar attribute value, lower-cased. */
export function searchTextOf(person: { externalId?: string | null; email?: string | null; attributes: Attributes }) {
  const parts: string[] = [];
  if (person.externalId) parts.push(person.externalId);
  if (person.email) parts.push(person.email);
  for (const value of Object.values(person.attributes)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") parts.push(String(value));
  }
  return `\u0001${parts.join("\u0001")}\u0001`.toLowerCase().slice(0, MAX_SEARCH_TEXT);
}

export function parseJsonObject(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
