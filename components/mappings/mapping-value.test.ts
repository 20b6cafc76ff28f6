import { describe, expect, it } from "vitest";
import { transform } from "@segment/actions-core";
import type { CatalogField } from "@/lib/destinations/types";
import { readPath, suggestItemPaths, suggestPaths } from "./event-paths";
import { directiveKinds, errorsFor, fieldPathOf, modeOf, newDirective, valueForMode } from "./mapping-value";

const event = {
  type: "track",
  event: "Order Completed",
  userId: "u1",
  properties: { total: 42, "first name": "Ada", products: [{ sku: "A", price: 10 }, { sku: "B" }] },
};

describe("event paths", () => {
  it("flattens events into mapping-kit paths that read the same values", () => {
    const paths = suggestPaths([event, { ...event, properties: { total: 7 } }]);
    expect(paths[0]).toMatchObject({ path: "$.event", count: 2 });
    const names = paths.map((p) => p.path);
    expect(names).toEqual(
      expect.arrayContaining([
        "$.properties",
        "$.properties.total",
        '$.properties["first name"]',
        "$.properties.products[0].sku",
      ]),
    );
    for (const { path } of paths) {
      expect(transform({ v: { "@path": path } }, event).v).toEqual(readPath(event, path));
    }
  });

  it("suggests item paths relative to a list's items", () => {
    expect(suggestItemPaths([event], "$.properties.products").map((p) => p.path)).toEqual(["$.sku", "$.price"]);
  });
});

describe("mapping values", () => {
  const text: CatalogField = { key: "email", label: "Email", description: "", type: "string", required: true };
  const obj: CatalogField = {
    key: "data",
    label: "Data",
    description: "",
    type: "object",
    required: false,
    properties: [{ key: "a", label: "A", description: "", type: "string", required: false }],
  };

  it("tells paths, functions, nested rows and static values apart", () => {
    expect(modeOf(text, { "@path": "$.userId" })).toBe("path");
    expect(modeOf(text, { "@template": "{{userId}}" })).toBe("function");
    expect(modeOf(text, "x")).toBe("static");
    expect(modeOf(text, undefined)).toBe("unset");
    expect(modeOf(obj, { a: { "@path": "$.x" } })).toBe("object");
    expect(modeOf(obj, { "@path": "$.properties" })).toBe("path");
    expect(valueForMode(text, "path", { "@path": "$.a" })).toEqual({ "@path": "$.a" });
  });

  it("starts every function as a directive mapping-kit runs", () => {
    for (const { kind } of directiveKinds) {
      expect(() => transform({ v: newDirective(kind, obj) } as never, event), kind).not.toThrow();
    }
  });

  it("points API errors at field rows", () => {
    const errors = { "mapping.data.a": ["bad a"], "mapping/email": ["bad email"], data: ["bad data"] };
    expect(fieldPathOf("mapping.data.a")).toEqual(["data", "a"]);
    expect(errorsFor(errors, ["email"], true)).toEqual(["bad email"]);
    expect(errorsFor(errors, ["data"], false)).toEqual(["bad data"]);
    expect(errorsFor(errors, ["data"], true)).toEqual(["bad a", "bad data"]);
    expect(errorsFor(errors, ["data", "a"], false)).toEqual(["bad a"]);
  });
});
