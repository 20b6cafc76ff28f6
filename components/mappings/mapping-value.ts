import type { CatalogField } from "@/lib/destinations/types";

// What a mapping value is, for the editor: a path from the event, a static value, a function (a mapping-kit
// directive), nested rows for an object field's properties, or unset. Pure.

export type DirectiveKind = "@template" | "@if" | "@case" | "@replace" | "@json" | "@merge" | "@arrayPath";
export const directiveKinds: { kind: DirectiveKind; label: string }[] = [
  { kind: "@template", label: "Template" },
  { kind: "@if", label: "If / else" },
  { kind: "@case", label: "Change case" },
  { kind: "@replace", label: "Replace text" },
  { kind: "@json", label: "JSON encode / decode" },
  { kind: "@merge", label: "Merge objects" },
  { kind: "@arrayPath", label: "Map list items" },
];

export type ValueMode = "unset" | "path" | "static" | "function" | "object";

export function isDirective(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]!.startsWith("@");
}

export function directiveKind(value: unknown): string | null {
  return isDirective(value) ? Object.keys(value)[0]! : null;
}

/** Whether an object field's value is best shown as one row per property. */
export function hasPropertyRows(field: CatalogField): boolean {
  return field.type === "object" && !field.multiple && (field.properties?.length ?? 0) > 0;
}

export function modeOf(field: CatalogField, value: unknown): ValueMode {
  if (value === undefined) return "unset";
  const kind = directiveKind(value);
  if (kind === "@path") return "path";
  if (kind) return "function";
  if (hasPropertyRows(field) && value !== null && typeof value === "object" && !Array.isArray(value)) return "object";
  return "static";
}

/** The value a field gets when the user switches it to a mode, keeping what can be kept. */
export function valueForMode(field: CatalogField, mode: ValueMode, previous: unknown): unknown {
  switch (mode) {
    case "unset":
      return undefined;
    case "path":
      return { "@path": directiveKind(previous) === "@path" ? (previous as { "@path": string })["@path"] : "$." };
    case "static":
      return emptyStatic(field);
    case "object":
      return {};
    case "function":
      return newDirective(field.multiple && field.type === "object" ? "@arrayPath" : "@template", field);
  }
}

export function emptyStatic(field: CatalogField): unknown {
  if (field.multiple) return [];
  if (field.type === "boolean") return false;
  if (field.type === "number" || field.type === "integer") return 0;
  if (field.type === "object") return {};
  return "";
}

export function newDirective(kind: DirectiveKind, field?: CatalogField): Record<string, unknown> {
  switch (kind) {
    case "@template":
      return { "@template": "" };
    case "@if":
      return { "@if": { exists: { "@path": "$." }, then: { "@path": "$." }, else: "" } };
    case "@case":
      return { "@case": { operator: "lower", value: { "@path": "$." } } };
    case "@replace":
      return { "@replace": { pattern: " ", replacement: "_", value: { "@path": "$." } } };
    case "@json":
      return { "@json": { mode: "encode", value: { "@path": "$." } } };
    case "@merge":
      return { "@merge": { direction: "right", objects: [{ "@path": "$." }] } };
    case "@arrayPath": {
      const item = Object.fromEntries((field?.properties ?? []).map((p) => [p.key, { "@path": `$.${p.key}` }]));
      return { "@arrayPath": ["$.", item] };
    }
  }
}

/** The field keys a 422's `details.fields` entry or a test error points at: `mapping.data.x` → ["data", "x"]. */
export function fieldPathOf(key: string): string[] {
  return key
    .replace(/^\/?mapping[./]?/, "")
    .split(/[./]/)
    .filter(Boolean);
}

/** The messages for one field row from a field-keyed error map; with `withNested`, those below it too. */
export function errorsFor(errors: Record<string, string[]>, path: string[], withNested: boolean): string[] {
  return Object.entries(errors)
    .filter(([key]) => {
      const at = fieldPathOf(key);
      return path.every((p, i) => at[i] === p) && (withNested ? at.length >= path.length : at.length === path.length);
    })
    .flatMap(([, messages]) => messages);
}
