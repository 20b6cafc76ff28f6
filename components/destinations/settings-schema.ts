import { z } from "zod";
import type { CatalogDependsOn, CatalogField } from "@/lib/destinations/types";

// A destination's settings form is generated from its definition's fields, so its validation is built at run
// time too: the form holds what inputs hold (strings, booleans, checked choices) and the schema checks each
// shown field by its type, requirement, choices and format, then turns the values into the settings object the
// API takes. Pure (zod only), so the add flow and the Settings tab share it and it is unit tested.

export type SettingsFormValue = string | boolean | string[];
export type SettingsFormValues = Record<string, SettingsFormValue | undefined>;

export type SettingsSchemaOptions = {
  /** Secret fields that already have a value: left empty, they keep it (the API never sends it back). */
  secretsSet?: string[];
  /** Editing stored settings: an emptied (non-secret) field is sent as null, which clears it; left out, the
   *  API would keep its old value. */
  isEdit?: boolean;
};

/** Whether depends_on conditions hold for the form's current values. */
export function matchesDependsOn(dependsOn: CatalogDependsOn, values: SettingsFormValues): boolean {
  const results = dependsOn.conditions.map(({ fieldKey, operator, value }) => {
    const current = values[fieldKey];
    const isEqual = Array.isArray(current)
      ? current.includes(String(value))
      : String(current ?? "") === String(value ?? "");
    return operator === "is" ? isEqual : !isEqual;
  });
  return dependsOn.match === "any" ? results.some(Boolean) : results.every(Boolean);
}

export function isFieldVisible(field: CatalogField, values: SettingsFormValues): boolean {
  return !field.depends_on || matchesDependsOn(field.depends_on, values);
}

export function isFieldRequired(field: CatalogField, values: SettingsFormValues): boolean {
  if (typeof field.required === "boolean") return field.required;
  return matchesDependsOn(field.required, values);
}

export function isSecretField(field: CatalogField): boolean {
  return !!field.secret || field.type === "password";
}

/** The form's starting values: stored settings when editing, the definition's literal defaults when adding. */
export function toFormValues(fields: CatalogField[], settings?: Record<string, unknown>): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of fields) {
    const stored = settings?.[field.key];
    const initial = stored !== undefined ? stored : settings ? undefined : literalDefault(field.default);
    values[field.key] = toInputValue(field, isSecretField(field) ? undefined : initial);
  }
  return values;
}

function literalDefault(value: unknown): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? undefined : value; // no directives
}

function toInputValue(field: CatalogField, value: unknown): SettingsFormValue {
  if (field.type === "boolean" && !field.multiple) return value === true;
  if (field.multiple) {
    const list = Array.isArray(value) ? value.map(String) : value == null ? [] : [String(value)];
    return field.choices ? list : list.join("\n");
  }
  if (value == null) return "";
  if (field.type === "object") return typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return String(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Checks one non-empty text value by the field's type and format; returns the parsed value or an error. */
function parseValue(field: CatalogField, raw: string): { value: unknown } | { error: string } {
  const text = raw.trim();
  if (field.type === "number" || field.type === "integer") {
    const n = Number(text);
    if (!Number.isFinite(n)) return { error: "Enter a number" };
    if (field.type === "integer" && !Number.isInteger(n)) return { error: "Enter a whole number" };
    if (field.minimum !== undefined && n < field.minimum) return { error: `Use ${field.minimum} or more` };
    if (field.maximum !== undefined && n > field.maximum) return { error: `Use ${field.maximum} or less` };
    return { value: n };
  }
  if (field.type === "object") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error();
      return { value: parsed };
    } catch {
      return { error: 'Enter a JSON object, e.g. {"key": "value"}' };
    }
  }
  if (field.choices && !field.choices.some((c) => String(c.value) === text))
    return { error: "Pick one of the options" };
  const choice = field.choices?.find((c) => String(c.value) === text);
  if (choice) return { value: choice.value };
  const format = field.type === "datetime" ? "date-time" : field.format;
  if (format === "uri" || format === "uri-reference") {
    try {
      const url = new URL(text);
      if (format === "uri" && !/^https?:$/.test(url.protocol)) throw new Error();
    } catch {
      return { error: "Enter a full URL, e.g. https://example.com/hook" };
    }
  }
  if (format === "uuid" && !UUID.test(text))
    return { error: "Enter a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000" };
  if (format === "email" && !EMAIL.test(text)) return { error: "Enter a valid email address" };
  if (format === "hostname" && !HOSTNAME.test(text)) return { error: "Enter a host name, e.g. api.example.com" };
  if ((format === "date-time" || format === "date") && Number.isNaN(Date.parse(text)))
    return { error: "Enter a date, e.g. 2026-01-31" };
  if (field.type === "password") return { value: raw }; // secrets exactly as typed
  return { value: text };
}

function formValueSchema(field: CatalogField) {
  if (field.type === "boolean" && !field.multiple) return z.boolean().optional();
  if (field.multiple && field.choices) return z.array(z.string()).optional();
  return z.string().optional();
}

/**
 * The zod schema of a settings form: validates the shown fields and outputs the settings body. Hidden fields
 * (depends_on) are neither checked nor sent; empty optional fields are left out (null when editing, to clear
 * them); an empty secret is always left out, so a stored one is kept.
 */
export function buildSettingsSchema(fields: CatalogField[], options: SettingsSchemaOptions = {}) {
  const secretsSet = new Set(options.secretsSet ?? []);
  const shape = Object.fromEntries(fields.map((f) => [f.key, formValueSchema(f)]));
  return z.object(shape).transform((input, ctx) => {
    const values = input as SettingsFormValues;
    const settings: Record<string, unknown> = {};
    for (const field of fields) {
      if (!isFieldVisible(field, values)) continue;
      const value = values[field.key];
      const issue = (message: string) => ctx.addIssue({ code: "custom", path: [field.key], message });
      if (typeof value === "boolean") {
        settings[field.key] = value;
        continue;
      }
      const parts = Array.isArray(value)
        ? value
        : field.multiple
          ? (value ?? "").split("\n").filter((line) => line.trim())
          : [value ?? ""];
      const isEmpty = parts.every((p) => !p.trim());
      if (isEmpty) {
        const keepsSecret = isSecretField(field) && secretsSet.has(field.key);
        if (isFieldRequired(field, values) && !keepsSecret) issue(`Enter ${field.label}`);
        else if (options.isEdit && !isSecretField(field)) settings[field.key] = null;
        continue;
      }
      const parsed = parts.map((p) => parseValue(field, p));
      const failed = parsed.find((p) => "error" in p);
      if (failed && "error" in failed) issue(failed.error);
      else {
        const list = parsed.map((p) => ("value" in p ? p.value : undefined));
        settings[field.key] = field.multiple ? list : list[0];
      }
    }
    return settings;
  });
}

export type SettingsSchema = ReturnType<typeof buildSettingsSchema>;
