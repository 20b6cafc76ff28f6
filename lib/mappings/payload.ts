import "server-only";
import type { InputField } from "@segment/actions-core";
import { core } from "@/lib/destinations/core";

// An action's payload as actions-core's runtime builds it before perform: mapping-kit `transform`, empty
// values removed as Action.execute does (its removeEmptyValues is not exported, so it is repeated here), then
// the fields' JSON schema. Errors come back per field, keyed by the mapping key path.

export type FieldError = { field: string; message: string };
type Schema = { type?: string | string[]; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema> };

function removeEmptyValues(value: unknown, schema: Schema = {}, isRoot = false): unknown {
  if (!schema.type && !schema.enum) return value;
  if (Array.isArray(value)) {
    if (!schema.items) return value;
    return value.filter((item) => removeEmptyValues(item, schema.items) !== undefined);
  }
  if (value && typeof value === "object") {
    if (!schema.properties) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const key of Object.keys(out)) {
      out[key] = removeEmptyValues(out[key], schema.properties[key]);
      if (out[key] === undefined || (out[key] === "" && isRoot)) delete out[key];
    }
    return out;
  }
  const types = ([] as string[]).concat(schema.type ?? []);
  if (value === null && !types.includes("null")) return undefined;
  if (value === "" && !types.includes("string")) return undefined;
  return value;
}

/** `/a/b` or an ajv "missing the required field 'x'" at `/a` → `a.b` / `a.x`. */
export function fieldOfAjvError(error: { pointer?: string; message?: string }): string {
  const parts = (error.pointer ?? "").split("/").filter(Boolean);
  const missing = /required field '([^']+)'/.exec(error.message ?? "");
  if (missing) parts.push(missing[1]!);
  return parts.filter((p) => !/^\d+$/.test(p)).join(".") || "_";
}

export function resolvePayload(
  fields: Record<string, InputField>,
  mapping: Record<string, unknown>,
  event: Record<string, unknown>,
): { payload: Record<string, unknown> } | { errors: FieldError[]; stage: "mapping" | "payload" } {
  let payload: Record<string, unknown>;
  try {
    payload = core.transform(mapping as never, event as never) as Record<string, unknown>;
  } catch (err) {
    return { errors: transformErrors(mapping, event, err), stage: "mapping" };
  }
  const schema = core.fieldsToJsonSchema(fields) as Schema;
  payload = removeEmptyValues(payload, schema, true) as Record<string, unknown>;
  try {
    core.validateSchema(payload, schema as never);
  } catch (err) {
    const issues = (err as { errors?: { pointer?: string; message?: string }[] }).errors;
    if (!Array.isArray(issues)) throw err;
    return {
      errors: issues.map((e) => ({ field: fieldOfAjvError(e), message: e.message ?? "Invalid value" })),
      stage: "payload",
    };
  }
  return { payload };
}

/** transform() stops at the first bad directive without saying where: run each field alone to find it. */
function transformErrors(
  mapping: Record<string, unknown>,
  event: Record<string, unknown>,
  first: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(mapping)) {
    try {
      core.transform({ [key]: value } as never, event as never);
    } catch (err) {
      errors.push({ field: key, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return errors.length > 0 ? errors : [{ field: "_", message: first instanceof Error ? first.message : String(first) }];
}
