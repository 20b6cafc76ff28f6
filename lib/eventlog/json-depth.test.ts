import { describe, expect, it } from "vitest";
import { jsonPreview, valueDepth } from "./json-depth";

describe("JSON.parse and valueDepth", () => {
  it("relies on JSON.parse being iterative: the deepest 500 KB body parses", () => {
    const levels = 256_000;
    const value = JSON.parse("[".repeat(levels) + "]".repeat(levels));
    expect(valueDepth(value, 64)).toBe(65);
    expect(valueDepth(value)).toBe(levels);
  });
});

describe("valueDepth and jsonPreview", () => {
  it("measures parsed values, own keys only", () => {
    expect(valueDepth("x")).toBe(0);
    expect(valueDepth({})).toBe(1);
    expect(valueDepth({ a: [1, { b: null }] })).toBe(3);
    expect(valueDepth(JSON.parse('{"a":"[[[{{{","b":[[]]}'))).toBe(3);
    expect(valueDepth(JSON.parse("[".repeat(100_000) + "]".repeat(100_000)), 64)).toBe(65);
    const inherited = Object.create({ loop: {} });
    expect(valueDepth(inherited)).toBe(1);
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
