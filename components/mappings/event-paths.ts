// The paths the mapping editor suggests: every leaf and object of recent events' JSON as a mapping-kit path
// (`$.properties.total`), with a sample value, most frequent first. Pure.

export type PathSuggestion = { path: string; sample: unknown; count: number };

const MAX_DEPTH = 6;
const MAX_PATHS = 400;

/** A key as a mapping-kit path part: dotted when it is a plain name, else bracketed and quoted. */
function pathPart(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function walk(value: unknown, path: string, depth: number, visit: (path: string, value: unknown) => void) {
  if (depth > 0) visit(path, value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    // Arrays are mapped whole or item by item (@arrayPath); the first item's paths name their items.
    if (value.length > 0) walk(value[0], `${path}[0]`, depth + 1, visit);
    return;
  }
  for (const [key, child] of Object.entries(value)) walk(child, `${path}${pathPart(key)}`, depth + 1, visit);
}

/** Paths found in the events (each an event's JSON), the most common first, then alphabetically. */
export function suggestPaths(events: unknown[]): PathSuggestion[] {
  const found = new Map<string, PathSuggestion>();
  for (const event of events) {
    walk(event, "$", 0, (path, value) => {
      const seen = found.get(path);
      if (seen) seen.count++;
      else found.set(path, { path, sample: value, count: 1 });
    });
  }
  return [...found.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path)).slice(0, MAX_PATHS);
}

/** Reads a `$.a.b[0]` path from one value, for showing what a path gives on the chosen event. */
export function readPath(value: unknown, path: string): unknown {
  const parts = path.replace(/^\$\.?/, "").match(/[^.[\]"]+|"(?:[^"\\]|\\.)*"/g) ?? [];
  return parts.reduce<unknown>((current, part) => {
    if (current === null || typeof current !== "object") return undefined;
    const key = part.startsWith('"') ? (JSON.parse(part) as string) : part;
    return (current as Record<string, unknown>)[key];
  }, value);
}

/** Paths inside the items of the arrays at `arrayPath`, relative to an item (`$.sku`), for @arrayPath rows. */
export function suggestItemPaths(events: unknown[], arrayPath: string): PathSuggestion[] {
  const items = events.flatMap((e) => {
    const list = readPath(e, arrayPath);
    return Array.isArray(list) ? list.slice(0, 5) : [];
  });
  return suggestPaths(items);
}

/** A sample value, short enough for a suggestion row. */
export function previewValue(value: unknown, max = 40): string {
  const text =
    value !== null && typeof value === "object" ? (Array.isArray(value) ? "[…]" : "{…}") : JSON.stringify(value);
  return text === undefined ? "" : text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
