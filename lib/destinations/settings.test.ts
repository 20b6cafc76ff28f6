import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { loadDefinition } from "./definitions";
import {
  decryptSettings,
  encryptSettings,
  mergeSettings,
  publicSettings,
  secretFieldKeys,
  validateSettings,
} from "./settings";

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("destination settings", () => {
  it("encrypts secret fields at rest and only those, and decrypts them back", () => {
    const plain = { apiKey: "cio-key-123", siteId: "site-9", accountRegion: "US 🇺🇸" };
    expect(secretFieldKeys("customerio")).toEqual(expect.arrayContaining(["apiKey"]));
    const stored = encryptSettings("customerio", plain);
    expect(stored.apiKey).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain("cio-key-123");
    expect(stored.accountRegion).toBe("US 🇺🇸");
    expect(decryptSettings("customerio", stored)).toEqual(plain);
  });

  it("shows the non-secret settings and names the secrets that are set", () => {
    const stored = encryptSettings("webhook", { sharedSecret: "s3cret" });
    expect(publicSettings("webhook", stored)).toEqual({ settings: {}, secretsSet: ["sharedSecret"] });
    expect(publicSettings("webhook", {})).toEqual({ settings: {}, secretsSet: [] });
  });

  it("merges a PATCH: left out keeps, null clears, a value replaces", () => {
    expect(mergeSettings({ a: 1, b: "x", c: true }, { b: null, c: false, d: "new" })).toEqual({
      a: 1,
      c: false,
      d: "new",
    });
  });

  it("validates with the definition's own schema, with errors per field", () => {
    const err = thrown(() => validateSettings("customerio", { siteId: "s", accountRegion: "Mars" }));
    expect(err.status).toBe(422);
    const fields = (err.details as { fields: Record<string, string[]> }).fields;
    expect(Object.keys(fields).sort()).toEqual(["settings.accountRegion", "settings.apiKey"]);
    expect(fields["settings.accountRegion"]![0]).toMatch(/must be one of/);
    expect(validateSettings("customerio", { siteId: "s", apiKey: "k", accountRegion: "EU 🇪🇺", endpoint: "" })).toEqual({
      siteId: "s",
      apiKey: "k",
      accountRegion: "EU 🇪🇺",
    });
    expect(validateSettings("webhook", {})).toEqual({});
  });

  it("refuses a setting the definition does not have", () => {
    const err = thrown(() => validateSettings("webhook", { sharedSecret: "x", bogus: 1 }));
    expect((err.details as { fields: Record<string, string[]> }).fields).toEqual({
      "settings.bogus": ["Webhook has no setting “bogus”"],
    });
  });

  it("loads one definition by slug and refuses an unknown slug", () => {
    expect(loadDefinition("webhook").name).toBe("Webhook");
    expect(loadDefinition("webhook")).toBe(loadDefinition("webhook"));
    expect(thrown(() => loadDefinition("no-such-destination")).status).toBe(404);
  });
});
