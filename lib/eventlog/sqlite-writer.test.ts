import { describe, expect, it } from "vitest";
import { decodeValues, encodeValues } from "./sqlite-writer.mjs";

describe("the SQLite writer's row encoding", () => {
  it("gives back every value, null and strings that look like its markers included", () => {
    const values = ["ws", null, "", "\u0001", "\u0001\u0001x", "a\u0001b", "2026-01-01T00:00:00.000+00:00", null];
    expect(decodeValues(encodeValues(values))).toEqual(values);
    expect(decodeValues(encodeValues([]))).toEqual([]);
    expect(decodeValues(encodeValues(["", ""]))).toEqual(["", ""]);
  });
});
