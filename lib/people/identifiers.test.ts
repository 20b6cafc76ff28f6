import { describe, expect, it } from "vitest";
import { mergeAttributes, searchTextOf } from "./attributes";
import { PeopleError } from "./errors";
import { identifierFromValue, parseIdentifiers } from "./identifiers";
import { isWithinMergeWindow, toDate } from "./window";

describe("identifier resolution", () => {
  it("reads cio_ as a cio_id, an email as an email (lower-cased), anything else as an id", () => {
    expect(identifierFromValue("cio_03000001")).toEqual({ cio_id: "03000001" });
    expect(identifierFromValue("Ann@Example.COM")).toEqual({ email: "ann@example.com" });
    expect(identifierFromValue("u-42")).toEqual({ id: "u-42" });
    expect(identifierFromValue(42)).toEqual({ id: "42" });
    expect(identifierFromValue("not@email")).toEqual({ id: "not@email" });
  });

  it("parses v2 identifiers, refusing empty, non-string and over-long ones", () => {
    expect(parseIdentifiers({ id: "u1", email: "A@B.co" })).toEqual({ id: "u1", email: "a@b.co" });
    expect(parseIdentifiers({ cio_id: "cio_abc" })).toEqual({ cio_id: "abc" });
    expect(() => parseIdentifiers({})).toThrow(PeopleError);
    expect(() => parseIdentifiers({ id: { x: 1 } })).toThrow(/must be a string/);
    expect(() => parseIdentifiers({ id: "x".repeat(151) })).toThrow(/150 bytes/);
    expect(parseIdentifiers({ id: "é".repeat(75) }).id).toHaveLength(75); // 150 bytes exactly
    expect(() => parseIdentifiers({ id: "é".repeat(76) })).toThrow(/150 bytes/);
    expect(() => parseIdentifiers({ email: "nope" })).toThrow(/not an email/);
  });
});

describe("attribute merging", () => {
  const t0 = new Date("2026-11-01T00:00:00Z");
  const t1 = new Date("2026-11-02T00:00:00Z");

  it("adds and updates, keeps what is omitted, removes on null or empty string", () => {
    const first = mergeAttributes({}, {}, { plan: "free", seats: 3, city: "Oslo" }, t0);
    expect(first.attributes).toEqual({ plan: "free", seats: 3, city: "Oslo" });
    const second = mergeAttributes(
      first.attributes,
      first.times,
      { plan: "pro", seats: null, city: undefined, nick: "" },
      t1,
    );
    expect(second.attributes).toEqual({ plan: "pro", city: "Oslo" });
    expect(second.changed.sort()).toEqual(["plan", "seats"]);
    expect(second.times).toEqual({ plan: t1.toISOString(), city: t0.toISOString() });
  });

  it("does not touch an attribute's time when its value is the same", () => {
    const first = mergeAttributes({}, {}, { tags: ["a", "b"] }, t0);
    const again = mergeAttributes(first.attributes, first.times, { tags: ["a", "b"] }, t1);
    expect(again.changed).toEqual([]);
    expect(again.times.tags).toBe(t0.toISOString());
  });

  it("never stores identifiers or instructions as attributes", () => {
    expect(
      mergeAttributes({}, {}, { id: "u1", cio_id: "x", anonymous_id: "a", email: "e@x.io" }, t0).attributes,
    ).toEqual({
      email: "e@x.io",
    });
  });

  it("makes search text from identifiers and scalar values", () => {
    expect(
      searchTextOf({ externalId: "U1", email: "a@b.co", attributes: { plan: "Pro", n: 3, nested: { x: 1 } } }),
    ).toBe("\u0001u1\u0001a@b.co\u0001pro\u00013\u0001");
  });
});

describe("merge window", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  it("holds activity up to the window's length, not past it", () => {
    expect(isWithinMergeWindow(new Date("2026-11-01T00:00:00Z"), now, 30)).toBe(true);
    expect(isWithinMergeWindow(new Date("2026-10-31T23:59:59Z"), now, 30)).toBe(false);
    expect(isWithinMergeWindow(new Date("2026-11-30T00:00:00Z"), now, 0)).toBe(false);
  });
  it("reads Track API timestamps in seconds, milliseconds and ISO", () => {
    expect(toDate(1796119200, now).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(toDate(1796119200000, now).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(toDate("2026-12-01T10:00:00Z", now).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(toDate(undefined, now)).toBe(now);
  });
});
