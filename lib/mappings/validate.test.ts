import { describe, expect, it } from "vitest";
import type { InputField } from "@segment/actions-core";
import { loadDefinition } from "@/lib/destinations/definitions";
import { core } from "@/lib/destinations/core";
import { resolvePayload } from "./payload";
import { sampleEvent } from "./sample-event";
import { checkMapping } from "./validate";

const fieldsOf = (slug: string, action: string) =>
  loadDefinition(slug).actions[action]!.fields as Record<string, InputField>;
const webhook = fieldsOf("webhook", "send");
const base = { ...core.defaultValues(webhook), url: "https://example.com/hook", method: "POST" };

describe("mapping validation", () => {
  it("accepts the default mapping with its required fields set", () => {
    expect(checkMapping(webhook, base)).toEqual([]);
    const cio = fieldsOf("customerio", "trackEvent");
    expect(checkMapping(cio, core.defaultValues(cio))).toEqual([]);
  });

  it("points mapping-kit's validation errors at the field", () => {
    expect(checkMapping(webhook, { ...base, data: { "@path": 123 } })).toEqual([
      { field: "data", message: expect.stringContaining("should be a string") },
    ]);
    expect(checkMapping(webhook, { ...base, data: { "@bogus": "x" } })).toEqual([
      { field: "data", message: expect.stringContaining("invalid directive") },
    ]);
  });

  it("catches what validate lets through by transforming on a sample event", () => {
    const errors = checkMapping(webhook, { ...base, data: { "@if": {} } });
    expect(errors).toEqual([{ field: "data", message: expect.stringContaining('"exists" key or a "blank" key') }]);
  });

  it("refuses unknown fields, missing required fields and static values of the wrong type", () => {
    expect(checkMapping(webhook, { ...base, nope: 1 })).toEqual([
      { field: "nope", message: "This action has no field “nope”" },
    ]);
    expect(checkMapping(webhook, { ...base, url: undefined })).toEqual([{ field: "url", message: "URL is required" }]);
    expect(checkMapping(webhook, { ...base, method: "FETCH" })).toEqual([
      { field: "method", message: expect.stringMatching(/must be one of/i) },
    ]);
  });

  it("resolves the payload as the runtime does, with errors per field", () => {
    const ok = resolvePayload(webhook, base, sampleEvent());
    expect(ok).toEqual({ payload: expect.objectContaining({ url: "https://example.com/hook", method: "POST" }) });
    const bad = resolvePayload(webhook, { ...base, url: { "@path": "$.properties.missing" } }, sampleEvent());
    expect(bad).toEqual({ stage: "payload", errors: [{ field: "url", message: expect.stringContaining("url") }] });
  });
});
