import { describe, expect, it } from "vitest";
import { builtinLoaders } from "./builtin";
import { getCatalogDestination, listCatalogDestinations } from "./catalog";
import { isBuiltinDestination, loadDefinition } from "./definitions";
import { secretFieldKeys, validateSettings } from "./settings";

// The built-ins mechanism: a definition registered in builtin/index.ts is loaded, catalogued and validated
// like Segment's, listed before Segment's (after the Journeys destination, the built-in that ships).
builtinLoaders["test-store"] = () => ({
  category: "Email & Messaging",
  definition: {
    name: "Test Store",
    mode: "cloud",
    description: "A built-in for this test",
    authentication: {
      scheme: "custom",
      fields: {
        apiKey: { label: "API Key", description: "Key", type: "password", required: true },
        region: {
          label: "Region",
          description: "Where",
          type: "string",
          choices: [
            { value: "us", label: "US" },
            { value: "eu", label: "EU" },
          ],
          required: true,
        },
      },
      testAuthentication: async () => undefined,
    },
    presets: [{ type: "automatic", name: "Identify", subscribe: 'type = "identify"', partnerAction: "identify" }],
    actions: {
      identify: {
        title: "Identify",
        description: "Store a person",
        defaultSubscription: 'type = "identify"',
        fields: {
          id: { label: "ID", description: "Person", type: "string", required: true, default: { "@path": "$.userId" } },
        },
        perform: async () => undefined,
      },
    },
  },
});

describe("built-in destinations", () => {
  it("are loaded, catalogued and validated like Segment's", () => {
    expect(isBuiltinDestination("test-store")).toBe(true);
    expect(loadDefinition("test-store").name).toBe("Test Store");
    const entry = getCatalogDestination("test-store")!;
    expect(entry).toMatchObject({ builtin: true, category: "Email & Messaging", hasAuthenticationTest: true });
    expect(entry.presets).toEqual([
      {
        name: "Identify",
        actionKey: "identify",
        trigger: 'type = "identify"',
        mapping: { id: { "@path": "$.userId" } },
      },
    ]);
    expect(
      listCatalogDestinations()
        .slice(0, 2)
        .map((d) => d.slug),
    ).toEqual(["customerio", "test-store"]);
    expect(secretFieldKeys("test-store")).toEqual(["apiKey"]);
    expect(() => validateSettings("test-store", { apiKey: "k", region: "mars" })).toThrow(/invalid/);
    expect(validateSettings("test-store", { apiKey: "k", region: "eu" })).toEqual({ apiKey: "k", region: "eu" });
  });
});
