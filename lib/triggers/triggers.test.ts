import { describe, expect, it } from "vitest";
import { parseFql, validate } from "@segment/destination-subscriptions";
import { parseTrigger, topLevelCombinators } from "./from-fql";
import { escapePathSegment, triggerToFql, TriggerError } from "./to-fql";
import { normalizeCondition, type Trigger, type TriggerCondition } from "./model";

const p = (path: string) => ({ kind: "properties" as const, path });
const s = (value: string) => ({ type: "string" as const, value });
const n = (value: number) => ({ type: "number" as const, value });

/** One condition per operator (and value type), each with the FQL it must produce. */
const cases: [TriggerCondition, string][] = [
  [{ field: { kind: "type" }, operator: "is", value: s("track") }, 'type = "track"'],
  [{ field: { kind: "event" }, operator: "is_not", value: s("Refund") }, 'event != "Refund"'],
  [{ field: p("total"), operator: "is", value: n(42) }, "properties.total = 42"],
  [{ field: p("total"), operator: "is_not", value: n(-1.5) }, "properties.total != -1.5"],
  [{ field: p("vip"), operator: "is", value: { type: "boolean", value: true } }, "properties.vip = true"],
  [{ field: p("vip"), operator: "is", value: { type: "boolean", value: false } }, "properties.vip = false"],
  [{ field: p("code"), operator: "is", value: s("42") }, 'properties.code = "42"'],
  [{ field: { kind: "userId" }, operator: "contains", value: s("@") }, 'contains(userId, "@")'],
  [{ field: { kind: "event" }, operator: "not_contains", value: s("Test") }, '!contains(event, "Test")'],
  [{ field: { kind: "name" }, operator: "starts_with", value: s("Doc") }, 'match(name, "Doc*")'],
  [{ field: p("sku"), operator: "not_starts_with", value: s("X-") }, '!match(properties.sku, "X-*")'],
  [
    { field: { kind: "context", path: "page.path" }, operator: "ends_with", value: s("/checkout") },
    'match(context.page.path, "*/checkout")',
  ],
  [{ field: p("email"), operator: "not_ends_with", value: s(".test") }, '!match(properties.email, "*.test")'],
  [{ field: { kind: "traits", path: "plan" }, operator: "exists" }, "traits.plan != null"],
  [{ field: { kind: "userId" }, operator: "not_exists" }, "userId = null"],
  [{ field: p("total"), operator: "lt", value: n(10) }, "properties.total < 10"],
  [{ field: p("total"), operator: "lte", value: n(10.5) }, "properties.total <= 10.5"],
  [{ field: p("total"), operator: "gt", value: n(0) }, "properties.total > 0"],
  [{ field: p("total"), operator: "gte", value: n(-3) }, "properties.total >= -3"],
];

describe("trigger ↔ FQL", () => {
  it.each(cases)("writes and reads back %j", (condition, fql) => {
    const trigger: Trigger = { combinator: "all", conditions: [condition] };
    expect(triggerToFql(trigger)).toBe(fql);
    expect(parseTrigger(fql)).toEqual({ fits: true, trigger });
  });

  it.each(["all", "any"] as const)("round-trips every operator joined by %s", (combinator) => {
    const trigger: Trigger = { combinator, conditions: cases.map(([c]) => c) };
    const fql = triggerToFql(trigger);
    expect(fql).toBe(cases.map(([, f]) => f).join(combinator === "all" ? " and " : " or "));
    expect(parseTrigger(fql)).toEqual({ fits: true, trigger });
  });

  it("means what the builder shows, on a real event", () => {
    const event = {
      type: "track",
      event: "Order Completed",
      properties: { total: 42, coupon: "SUMMER10" },
      traits: { plan: "pro" },
      context: { traits: { plan: "free" } },
    };
    const check = (t: Trigger) => validate(parseFql(triggerToFql(t)) as never, event);
    const a: TriggerCondition = { field: { kind: "type" }, operator: "is", value: s("identify") };
    const b: TriggerCondition = { field: { kind: "event" }, operator: "is", value: s("Order Completed") };
    const c: TriggerCondition = { field: p("total"), operator: "gt", value: n(40) };
    expect(check({ combinator: "all", conditions: [b, c] })).toBe(true);
    expect(check({ combinator: "all", conditions: [a, b, c] })).toBe(false);
    expect(check({ combinator: "any", conditions: [a, b] })).toBe(true);
    expect(check({ combinator: "all", conditions: [{ field: p("total"), operator: "is", value: s("42") }] })).toBe(
      false, // strict types: the text "42" is not the number 42
    );
    expect(
      check({
        combinator: "all",
        conditions: [{ field: { kind: "traits", path: "plan" }, operator: "is", value: s("pro") }],
      }),
    ).toBe(true);
  });

  it("escapes odd characters in paths so they parse to the same name", () => {
    for (const path of [
      "first name",
      "a-b",
      "1st",
      "and",
      "or",
      "null",
      "é",
      "x$y",
      "back\\slash",
      "items[0]",
      'quote"d',
      "-x",
    ]) {
      const trigger: Trigger = { combinator: "all", conditions: [{ field: p(`meta.${path}`), operator: "exists" }] };
      const fql = triggerToFql(trigger);
      expect(parseFql(fql)).toEqual({
        type: "group",
        operator: "and",
        children: [{ type: "event-property", name: `meta.${path}`, operator: "exists" }],
      });
      expect(parseTrigger(fql)).toEqual({ fits: true, trigger });
    }
    expect(escapePathSegment("first name")).toBe("first\\ name");
    expect(escapePathSegment("and")).toBe("\\and");
    expect(escapePathSegment("1st")).toBe("\\1st");
  });

  it("keeps odd characters in values (FQL strings have no escapes) and refuses a double quote", () => {
    const odd = "it's (50%) off, and more \\ ok";
    const trigger: Trigger = {
      combinator: "all",
      conditions: [{ field: { kind: "event" }, operator: "is", value: s(odd) }],
    };
    expect(parseTrigger(triggerToFql(trigger))).toEqual({ fits: true, trigger });
    const quoted: Trigger = {
      combinator: "all",
      conditions: [{ field: { kind: "event" }, operator: "is", value: s('say "hi"') }],
    };
    expect(() => triggerToFql(quoted)).toThrow(TriggerError);
    expect(() => triggerToFql(quoted)).toThrow(/double quote/);
  });

  it("refuses what FQL cannot say, naming the condition", () => {
    const bad: Trigger = {
      combinator: "all",
      conditions: [cases[0]![0], { field: p(""), operator: "exists" }],
    };
    expect(() => triggerToFql(bad)).toThrow(expect.objectContaining({ index: 1 }));
    expect(() => triggerToFql({ combinator: "all", conditions: [] })).toThrow(/at least one/);
    expect(() => triggerToFql({ combinator: "all", conditions: [{ field: p("a..b"), operator: "exists" }] })).toThrow(
      /empty part/,
    );
    expect(() =>
      triggerToFql({
        combinator: "all",
        conditions: [{ field: { kind: "event" }, operator: "ends_with", value: s("a*") }],
      }),
    ).toThrow(/starts with/);
  });

  it("keeps a condition consistent when its field or operator changes", () => {
    expect(normalizeCondition({ field: { kind: "event" }, operator: "gt", value: n(3) })).toEqual({
      field: { kind: "event" },
      operator: "is",
      value: s("3"),
    });
    expect(normalizeCondition({ field: p("x"), operator: "exists", value: s("a") })).toEqual({
      field: p("x"),
      operator: "exists",
    });
    expect(normalizeCondition({ field: p("x"), operator: "gt", value: s("12") })).toEqual({
      field: p("x"),
      operator: "gt",
      value: n(12),
    });
  });
});

describe("FQL the builder cannot show", () => {
  it.each([
    ['type = "track" and (event = "A" or event = "B")', /parentheses/],
    ['event != null and type = "track"', /differently/], // FQL reads it as: is not the text "null"
    ["userId = true", /does not offer/],
  ])("%s", (fql, reason) => {
    const reading = parseTrigger(fql);
    expect(reading.fits).toBe(false);
    expect(reading).toMatchObject({ isInvalid: false, reason: expect.stringMatching(reason) });
  });

  it.each([
    ["", /empty/],
    ['type = "track" and ((event = "A"))', /character 21.*nested/],
    ['foo = "bar"', /unknown field "foo"/],
    ['type = "track" and foo = "bar"', /unknown field "foo"/], // Segment's parser drops it silently
    ['type = "track" anonymousId = "a"', /found "anonymousId"/],
    ['userId = "u1" or type = "identify" and event = "X"', /mixed without parentheses/],
    ["properties.vip != true", /use "= true"/],
    ["type = \"track\" and event = 'Order'", /double quotes/], // single quotes would stay in the value
  ])("refuses invalid %j, saying where", (fql, reason) => {
    const reading = parseTrigger(fql);
    expect(reading.fits).toBe(false);
    expect(reading).toMatchObject({ isInvalid: true, reason: expect.stringMatching(reason) });
  });

  it("accepts spacing and one pair of wrapping parentheses", () => {
    expect(parseTrigger('(type="track" or contains(event,"Order"))')).toEqual({
      fits: true,
      trigger: {
        combinator: "any",
        conditions: [
          { field: { kind: "type" }, operator: "is", value: s("track") },
          { field: { kind: "event" }, operator: "contains", value: s("Order") },
        ],
      },
    });
  });

  it("finds the combinators the lexer sees", () => {
    expect(topLevelCombinators('a = "x and y" and (b = 1 or c = 2) or properties.and\\ or = 1')).toEqual(["and", "or"]);
  });
});
