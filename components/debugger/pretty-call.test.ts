import { describe, expect, it } from "vitest";
import { enrichmentOf, formatPrettyCall, pageLabel, snippetVariable } from "./pretty-call";

describe("formatPrettyCall", () => {
  it("recreates each call type as analytics.js code", () => {
    expect(formatPrettyCall({ type: "track", event: "Order Completed", properties: { total: 42 } })).toBe(
      'analytics.track("Order Completed", {\n  total: 42\n})',
    );
    expect(formatPrettyCall({ type: "track", event: "Signed Up", properties: {} })).toBe(
      'analytics.track("Signed Up")',
    );
    expect(formatPrettyCall({ type: "identify", userId: "u1", traits: { "first-name": "Ada" } })).toBe(
      'analytics.identify("u1", {\n  "first-name": "Ada"\n})',
    );
    expect(formatPrettyCall({ type: "page", name: "Home" })).toBe('analytics.page("Home")');
    expect(formatPrettyCall({ type: "page", category: "Docs", name: "Intro" })).toBe('analytics.page("Docs", "Intro")');
    expect(formatPrettyCall({ type: "group", groupId: "g1", traits: { plan: "pro" } })).toContain(
      'analytics.group("g1"',
    );
    expect(formatPrettyCall({ type: "alias", userId: "u2", previousId: "u1" })).toBe('analytics.alias("u2", "u1")');
    expect(formatPrettyCall("{not json")).toBeNull();
  });

  it("prints a page call without a name as page(properties), never page(undefined, …)", () => {
    const pretty = formatPrettyCall({ type: "page", properties: { path: "/pricing", title: "Pricing" } });
    expect(pretty).toBe('analytics.page({\n  path: "/pricing",\n  title: "Pricing"\n})');
    expect(formatPrettyCall({ type: "page" })).toBe("analytics.page()");
    expect(formatPrettyCall({ type: "identify", anonymousId: "a1", traits: { plan: "pro" } })).toBe(
      'analytics.identify({\n  plan: "pro"\n})',
    );
    expect(formatPrettyCall({ type: "screen", properties: { a: 1 } })).not.toContain("undefined");
  });

  it("uses the variable of the source's snippet", () => {
    expect(snippetVariable("javascript")).toBe("cioanalytics");
    expect(snippetVariable("nodejs")).toBe("analytics");
    expect(formatPrettyCall({ type: "track", event: "A" }, snippetVariable("javascript"))).toBe(
      'cioanalytics.track("A")',
    );
  });

  it("names a page call by its name, else its path", () => {
    expect(pageLabel({ type: "page", name: "Home", properties: { path: "/" } })).toBe("Home");
    expect(pageLabel({ type: "page", properties: { path: "/pricing" } })).toBe("/pricing");
    expect(pageLabel({ type: "page", context: { page: { path: "/docs" } } })).toBe("/docs");
    expect(pageLabel({ type: "page" })).toBeNull();
  });

  it("lists the enrichment Sluice added", () => {
    const e = enrichmentOf({ receivedAt: "2026-11-29T10:00:00.000Z", timestamp: "t", context: { ip: "203.0.113.7" } });
    expect(e.map((x) => x.label)).toEqual(["Received at", "Timestamp (corrected)", "IP"]);
  });
});
