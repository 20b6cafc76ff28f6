import { describe, expect, it } from "vitest";
import { enrichmentOf, formatPrettyCall } from "./pretty-call";

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

  it("lists the enrichment Sluice added", () => {
    const e = enrichmentOf({ receivedAt: "2026-11-29T10:00:00.000Z", timestamp: "t", context: { ip: "203.0.113.7" } });
    expect(e.map((x) => x.label)).toEqual(["Received at", "Timestamp (corrected)", "IP"]);
  });
});
