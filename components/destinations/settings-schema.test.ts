import { describe, expect, it } from "vitest";
import type { CatalogField } from "@/lib/destinations/types";
import { buildSettingsSchema, isFieldVisible, toFormValues, type SettingsFormValues } from "./settings-schema";

const field = (f: Partial<CatalogField> & Pick<CatalogField, "key">): CatalogField => ({
  label: f.key,
  description: "",
  type: "string",
  required: false,
  ...f,
});

function errorsOf(fields: CatalogField[], values: SettingsFormValues, secretsSet?: string[]) {
  const result = buildSettingsSchema(fields, { secretsSet, isEdit: !!secretsSet }).safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

function settingsOf(fields: CatalogField[], values: SettingsFormValues, secretsSet?: string[]) {
  const result = buildSettingsSchema(fields, { secretsSet, isEdit: !!secretsSet }).safeParse(values);
  expect(result.error?.issues).toBeUndefined();
  return result.data;
}

describe("buildSettingsSchema", () => {
  it("requires required fields and leaves empty optional ones out", () => {
    const fields = [field({ key: "apiKey", label: "API Key", required: true }), field({ key: "note" })];
    expect(errorsOf(fields, { apiKey: " ", note: "" })).toEqual({ apiKey: "Enter API Key" });
    expect(settingsOf(fields, { apiKey: " abc ", note: "" })).toEqual({ apiKey: "abc" });
  });

  it("parses numbers and integers within their bounds", () => {
    const fields = [
      field({ key: "size", type: "integer", minimum: 2, maximum: 100 }),
      field({ key: "rate", type: "number" }),
    ];
    expect(errorsOf(fields, { size: "2.5", rate: "x" })).toEqual({
      size: "Enter a whole number",
      rate: "Enter a number",
    });
    expect(errorsOf(fields, { size: "1", rate: "" })).toEqual({ size: "Use 2 or more" });
    expect(errorsOf(fields, { size: "101", rate: "" })).toEqual({ size: "Use 100 or less" });
    expect(settingsOf(fields, { size: "50", rate: "0.5" })).toEqual({ size: 50, rate: 0.5 });
  });

  it("keeps choices to their options and gives back the option's own value", () => {
    const fields = [
      field({
        key: "region",
        choices: [
          { value: "US", label: "US" },
          { value: "EU", label: "EU" },
        ],
      }),
    ];
    expect(errorsOf(fields, { region: "APAC" })).toEqual({ region: "Pick one of the options" });
    expect(settingsOf(fields, { region: "EU" })).toEqual({ region: "EU" });
    const numeric = [field({ key: "n", type: "number", choices: [{ value: 1, label: "one" }] })];
    expect(settingsOf(numeric, { n: "1" })).toEqual({ n: 1 });
  });

  it("checks uuids", () => {
    const fields = [field({ key: "id", format: "uuid" })];
    expect(errorsOf(fields, { id: "123" })).toEqual({ id: "Enter a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000" });
    expect(settingsOf(fields, { id: "123E4567-e89b-12d3-a456-426614174000" })).toEqual({
      id: "123E4567-e89b-12d3-a456-426614174000",
    });
  });

  it("checks formats: uri, email, hostname, date-time", () => {
    const fields = [
      field({ key: "url", format: "uri" }),
      field({ key: "mail", format: "email" }),
      field({ key: "host", format: "hostname" }),
      field({ key: "at", type: "datetime" }),
    ];
    expect(errorsOf(fields, { url: "example.com", mail: "a@b", host: "a b", at: "someday" })).toEqual({
      url: "Enter a full URL, e.g. https://example.com/hook",
      mail: "Enter a valid email address",
      host: "Enter a host name, e.g. api.example.com",
      at: "Enter a date, e.g. 2026-01-31",
    });
    expect(errorsOf(fields, { url: "ftp://example.com", mail: "", host: "", at: "" })).toHaveProperty("url");
    expect(
      settingsOf(fields, { url: "https://example.com/x", mail: "a@b.co", host: "api.example.com", at: "2026-01-31" }),
    ).toEqual({ url: "https://example.com/x", mail: "a@b.co", host: "api.example.com", at: "2026-01-31" });
  });

  it("parses objects as JSON objects and multiple values one per line", () => {
    const fields = [field({ key: "headers", type: "object" }), field({ key: "tags", multiple: true })];
    expect(errorsOf(fields, { headers: "[1]", tags: "" })).toEqual({
      headers: 'Enter a JSON object, e.g. {"key": "value"}',
    });
    expect(settingsOf(fields, { headers: '{"a":1}', tags: "x\n\n y \n" })).toEqual({
      headers: { a: 1 },
      tags: ["x", "y"],
    });
  });

  it("shows, checks and sends a depends_on field only when its condition holds", () => {
    const fields = [
      field({
        key: "mode",
        choices: [
          { value: "basic", label: "Basic" },
          { value: "token", label: "Token" },
        ],
      }),
      field({
        key: "token",
        label: "Token",
        required: true,
        depends_on: { conditions: [{ fieldKey: "mode", operator: "is", value: "token" }] },
      }),
    ];
    expect(isFieldVisible(fields[1]!, { mode: "basic", token: "" })).toBe(false);
    expect(settingsOf(fields, { mode: "basic", token: "stale" })).toEqual({ mode: "basic" });
    expect(errorsOf(fields, { mode: "token", token: "" })).toEqual({ token: "Enter Token" });
  });

  it("makes a field required under conditions (required as depends_on), with any/all matching", () => {
    const fields = [
      field({ key: "a" }),
      field({ key: "b" }),
      field({
        key: "c",
        label: "C",
        required: {
          match: "any",
          conditions: [
            { fieldKey: "a", operator: "is", value: "on" },
            { fieldKey: "b", operator: "is_not", value: "" },
          ],
        },
      }),
    ];
    expect(errorsOf(fields, { a: "", b: "", c: "" })).toEqual({});
    expect(errorsOf(fields, { a: "on", b: "", c: "" })).toEqual({ c: "Enter C" });
    expect(errorsOf(fields, { a: "", b: "x", c: "" })).toEqual({ c: "Enter C" });
  });

  it("keeps a set secret when left empty, replaces it when typed, and sends secrets exactly as typed", () => {
    const fields = [field({ key: "sharedSecret", label: "Shared Secret", type: "password", required: true })];
    expect(errorsOf(fields, { sharedSecret: "" })).toEqual({ sharedSecret: "Enter Shared Secret" });
    expect(settingsOf(fields, { sharedSecret: "" }, ["sharedSecret"])).toEqual({});
    expect(settingsOf(fields, { sharedSecret: " s3cret " }, ["sharedSecret"])).toEqual({ sharedSecret: " s3cret " });
  });

  it("when editing, sends an emptied field as null (clears it) but never clears a secret", () => {
    const fields = [field({ key: "region" }), field({ key: "apiKey", type: "password", secret: true })];
    expect(settingsOf(fields, { region: "", apiKey: "" }, [])).toEqual({ region: null });
    expect(settingsOf(fields, { region: "", apiKey: "" })).toEqual({});
  });

  it("passes booleans and checked choices through", () => {
    const fields = [
      field({ key: "on", type: "boolean" }),
      field({
        key: "kinds",
        multiple: true,
        choices: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      }),
    ];
    expect(settingsOf(fields, { on: true, kinds: ["b"] })).toEqual({ on: true, kinds: ["b"] });
    expect(errorsOf(fields, { on: false, kinds: ["z"] })).toEqual({ kinds: "Pick one of the options" });
  });
});

describe("toFormValues", () => {
  const fields = [
    field({ key: "region", default: "US" }),
    field({ key: "batch", type: "boolean", default: true }),
    field({ key: "size", type: "integer", default: 50 }),
    field({ key: "id", default: { "@path": "$.userId" } }),
    field({ key: "secret", type: "password", secret: true }),
    field({ key: "headers", type: "object" }),
  ];

  it("starts a new destination from the literal defaults, never a directive", () => {
    expect(toFormValues(fields)).toEqual({ region: "US", batch: true, size: "50", id: "", secret: "", headers: "" });
  });

  it("starts an edit from the stored settings, secrets always empty", () => {
    expect(toFormValues(fields, { region: "EU", size: 10, headers: { a: 1 }, secret: "leaked?" })).toEqual({
      region: "EU",
      batch: false,
      size: "10",
      id: "",
      secret: "",
      headers: '{\n  "a": 1\n}',
    });
  });
});
