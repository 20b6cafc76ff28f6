import { describe, expect, it } from "vitest";
import { jsonPreview, jsonTextDepth, valueDepth } from "./json-depth";

describe("jsonTextDepth", () => {
  it("counts objects and arrays, not brackets inside strings (escaped quotes included)", () => {
    expect(jsonTextDepth("1")).toBe(0);
    expect(jsonTextDepth("{}")).toBe(1);
    expect(jsonTextDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonTextDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonTextDepth('{"a":"x\\"[[[","b":"\\\\"}')).toBe(1);
    expect(jsonTextDepth('{"a":"\\\\\\"[["}')).toBe(1);
    expect(jsonTextDepth('{"unterminated":"[[[')).toBe(1);
    expect(jsonTextDepth("]]]}}}[")).toBe(1);
  });

  it("stops once past the cap", () => {
    const deep = "[".repeat(100_000);
    expect(jsonTextDepth(deep, 64)).toBe(65);
    expect(jsonTextDepth(deep)).toBe(100_000);
  });

  it("relies on JSON.parse being iterative: the deepest 500 KB body parses", () => {
    const levels = 256_000;
    const value = JSON.parse("[".repeat(levels) + "]".repeat(levels));
    expect(valueDepth(value, 64)).toBe(65);
    expect(valueDepth(value)).toBe(levels);
  });
});

describe("valueDepth and jsonPreview", () => {
  it("measures parsed values", () => {
    expect(valueDepth("x")).toBe(0);
    expect(valueDepth({ a: [1, { b: null }] })).toBe(3);
  });

  it("writes what JSON.stringify writes, cut at the limit", () => {
    const samples = [
      { a: 1, b: [true, null, 'x"y\u2028', { c: [] }], d: {}, __proto__: 2, e: -0.5e-7 },
      [],
      "text",
      [[[1, 2], [3]], { k: "v" }],
    ];
    for (const v of samples) expect(jsonPreview(v, 10_000)).toBe(JSON.stringify(v));
    expect(jsonPreview({ a: "x".repeat(100) }, 20)).toBe('{"a":"xxxxxxxxxxxxxx');
    const deep = JSON.parse("[".repeat(50_000) + "]".repeat(50_000));
    expect(jsonPreview(deep, 8)).toBe("[[[[[[[[");
  });
});
