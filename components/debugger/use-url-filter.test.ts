import { describe, expect, it } from "vitest";
import { filterFromParams, paramsFromFilter } from "./use-url-filter";

describe("the debugger's filters in the URL", () => {
  it("round-trips a filter, keeping other parameters and leaving a fixed source out", () => {
    const filter = { type: "track", userId: "u1", identity: "any" as const, q: "order" };
    const query = paramsFromFilter(filter, new URLSearchParams("tab=x&type=page"), { sourceId: "s1" });
    const params = new URLSearchParams(query);
    expect(params.get("tab")).toBe("x");
    expect(params.get("sourceId")).toBeNull();
    expect(filterFromParams(params, { sourceId: "s1" })).toEqual({ ...filter, sourceId: "s1" });
  });

  it("drops an invalid filter instead of failing", () => {
    expect(filterFromParams(new URLSearchParams("status=nope&type=track"))).toEqual({});
    expect(filterFromParams(new URLSearchParams("from=2026-01-01T00:00:00Z"))).toEqual({
      from: "2026-01-01T00:00:00Z",
    });
  });
});
