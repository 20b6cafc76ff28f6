import "server-only";
import type { InputField } from "@segment/actions-core";
import { validateMappingShape } from "@/lib/destinations/core";
import { resolvePayload, type FieldError } from "./payload";
import { sampleEvent } from "./sample-event";

// A mapping is checked when it is saved: every key is one of the action's fields, mapping-kit's validator
// accepts its directives, each field transforms on a sample event (validate is not exhaustive: `@if {}` and a
// bad `@case` operator pass it and throw in transform), required fields are mapped, and static values have
// the field's type. Errors point at the field (a mapping key path such as `page.title`).

const isDirective = (v: unknown) =>
  !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith("@"));

/** "/page/title/@path should be a string…" → { field: "page.title", message: "@path should be a string…" }. */
function shapeError(message: string): FieldError {
  const m = /^(\/\S*)\s+(.*)$/s.exec(message);
  if (!m) return { field: "_", message };
  const parts = m[1]!.split("/").filter(Boolean);
  const at = parts.findIndex((p) => p.startsWith("@"));
  const field = (at < 0 ? parts : parts.slice(0, at)).join(".") || "_";
  const directive = at < 0 ? "" : `${parts.slice(at).join("/")} `;
  return { field, message: `${directive}${m[2]}`.replace(/^\S+ has/, "It has") };
}

export function checkMapping(fields: Record<string, InputField>, mapping: Record<string, unknown>): FieldError[] {
  const unknown = Object.keys(mapping).filter((k) => !Object.hasOwn(fields, k));
  if (unknown.length > 0) return unknown.map((k) => ({ field: k, message: `This action has no field “${k}”` }));
  try {
    validateMappingShape(mapping);
  } catch (err) {
    const list = Symbol.iterator in Object(err) ? [...(err as Iterable<Error>)] : [err as Error];
    return list.map((e) => shapeError(e.message));
  }
  const missing = Object.entries(fields)
    .filter(
      ([key, f]) => f.required === true && (mapping[key] === undefined || mapping[key] === null || mapping[key] === ""),
    )
    .map(([key, f]) => ({ field: key, message: `${f.label ?? key} is required` }));
  const resolved = resolvePayload(fields, mapping, sampleEvent());
  if (!("errors" in resolved)) return missing;
  // A directive that cannot run fails on any event; a payload error only does when the value is static (a path
  // may resolve to nothing or to another type in the sample, and fine in real events).
  if (resolved.stage === "mapping") return [...missing, ...resolved.errors];
  const lasting = resolved.errors.filter((e) => {
    const top = e.field.split(".")[0]!;
    return mapping[top] !== undefined && !isDirective(mapping[top]) && !missing.some((m) => m.field === top);
  });
  return [...missing, ...lasting];
}
