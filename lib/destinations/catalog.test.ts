import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { core, subscriptions } from "./core";
import { loadDefinition } from "./definitions";
import { generate } from "./generate-catalog.cjs";
import { getCatalogDestination, listCatalogDestinations } from "./catalog";
import { definitionLoaders } from "./loaders.generated";

const { catalog, leftOut, counts } = generate();

function findFunctions(value: unknown, at = "$"): string[] {
  if (typeof value === "function") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => findFunctions(v, `${at}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => findFunctions(v, `${at}.${k}`));
  return [];
}

describe("destination catalog generation", () => {
  it("holds Segment's cloud destinations and their actions", () => {
    expect(counts.destinations).toBeGreaterThanOrEqual(150);
    expect(counts.actions).toBeGreaterThanOrEqual(450);
    expect(counts.presets).toBeGreaterThanOrEqual(300);
    expect(new Set(catalog.map((d) => d.slug)).size).toBe(catalog.length);
    for (const d of catalog) expect(d.actions.length, d.slug).toBeGreaterThan(0);
    expect(catalog.map((d) => d.slug)).toEqual(expect.arrayContaining(["webhook", "customerio", "slack", "mixpanel"]));
  });

  it("names each destination as users know it: unique, without Segment's '(Actions)' and 'Cloud Mode' qualifiers", () => {
    const names = catalog.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => /\(actions\)|^Actions |cloud mode/i.test(n))).toEqual([]);
    const byslug = new Map(catalog.map((d) => [d.slug, d.name]));
    expect([byslug.get("customerio"), byslug.get("mixpanel"), byslug.get("amplitude")]).toEqual([
      "Customer.io Journeys",
      "Mixpanel",
      "Amplitude",
    ]);
  });

  it("leaves out no destination whose settings schema fails to compile, and says why it left out each", () => {
    expect(leftOut.filter((l) => /settings schema/.test(l.reason))).toEqual([]);
    for (const l of leftOut) expect(l.reason.length).toBeGreaterThan(10);
    // Independently of the generator: every catalogued settings schema compiles with actions-core's validation.
    for (const d of catalog) {
      let error: unknown = null;
      try {
        new core.Destination(loadDefinition(d.slug)).validateSettings({});
      } catch (err) {
        error = err;
      }
      if (error) expect((error as Error).name, d.slug).toBe("AggregateAjvError");
    }
  });

  it("is function-free JSON, the same as the file the server reads", () => {
    expect(findFunctions(catalog)).toEqual([]);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    const file = path.join(process.cwd(), "lib/destinations/catalog.generated.json");
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(catalog);
    expect(Object.keys(definitionLoaders).sort()).toEqual(catalog.map((d) => d.slug).sort());
  });

  it("gives every preset an action of its destination, a trigger that parses and the full default mapping", () => {
    for (const d of catalog) {
      const actions = new Map(d.actions.map((a) => [a.key, a]));
      for (const p of d.presets) {
        const action = actions.get(p.actionKey);
        expect(action, `${d.slug} preset ${p.name}`).toBeDefined();
        const ast = subscriptions.parseFql(p.trigger);
        expect("error" in ast, `${d.slug} preset ${p.name}: ${p.trigger}`).toBe(false);
        for (const key of Object.keys(action!.defaultMapping))
          expect(p.mapping, `${d.slug}.${p.name}`).toHaveProperty([key]);
      }
    }
    const cio = catalog.find((d) => d.slug === "customerio")!;
    const track = cio.presets.find((p) => p.actionKey === "trackEvent")!;
    expect(track.mapping).toMatchObject({ name: { "@path": "$.event" }, event_id: { "@path": "$.messageId" } });
    // Amplitude's presets name the browser-only sessionId action: filtered out.
    const amplitude = catalog.find((d) => d.slug === "amplitude")!;
    expect(amplitude.presets.map((p) => p.actionKey)).not.toContain("sessionId");
    expect(amplitude.actions.map((a) => a.key)).not.toContain("sessionId");
  });

  it("flags secret settings, and only those", () => {
    const secrets = (slug: string) =>
      getCatalogDestination(slug)!
        .settings.filter((f) => f.secret)
        .map((f) => f.key);
    expect(secrets("webhook")).toEqual(["sharedSecret"]);
    expect(secrets("customerio")).toContain("apiKey");
    expect(secrets("mixpanel")).toEqual(expect.arrayContaining(["apiSecret"]));
    const cio = getCatalogDestination("customerio")!;
    expect(cio.settings.find((f) => f.key === "accountRegion")?.secret).toBeUndefined();
    for (const d of catalog)
      for (const f of d.settings) if (f.type === "password") expect(f.secret, `${d.slug}.${f.key}`).toBe(true);
  });

  it("describes each destination for browsing: category, keywords, logo, batching, authentication test", () => {
    const webhook = getCatalogDestination("webhook")!;
    expect(webhook).toMatchObject({ category: "Webhooks & Automation", builtin: false, supportsBatching: true });
    expect(webhook.actions[0]).toMatchObject({ key: "send", supportsBatching: true });
    expect(webhook.keywords.length).toBeGreaterThan(0);
    expect(getCatalogDestination("mixpanel")?.logo).toMatchObject({
      title: "Mixpanel",
      hex: expect.stringMatching(/^#[0-9A-F]{6}$/i),
    });
    expect(getCatalogDestination("customerio")?.hasAuthenticationTest).toBe(true);
    expect(getCatalogDestination("slack")?.hasAuthenticationTest).toBe(false);
    const categories = [...new Set(catalog.map((d) => d.category))];
    expect(categories).toEqual(expect.arrayContaining(["Analytics", "Advertising", "CRM", "Email & Messaging"]));
    expect(catalog.filter((d) => d.category === "Other").length).toBeLessThan(catalog.length / 5);
    const summaries = listCatalogDestinations();
    expect(summaries.length).toBe(catalog.length);
    expect(summaries.find((s) => s.slug === "webhook")).toEqual(expect.objectContaining({ actionCount: 1 }));
    expect(summaries[0]).not.toHaveProperty("settings");
  });
});
