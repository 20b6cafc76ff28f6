import { describe, expect, it } from "vitest";
import { generate } from "@/lib/destinations/generate-catalog.cjs";
import { checkTrigger } from "./validate";

function problem(fql: string) {
  const r = checkTrigger(fql);
  if (r.ok) throw new Error(`expected ${JSON.stringify(fql)} to be refused`);
  return r;
}

describe("trigger validation", () => {
  it.each([
    'type = "track"',
    'type = "track" and event = "Order Completed"',
    'type = "identify" or type = "track"',
    'event = "Order Completed" and properties.total > 40',
    "properties.total = 42",
    "properties.vip = true",
    "properties.vip = false",
    'contains(properties.coupon, "SUMMER")',
    '!contains(event, "Refund")',
    'match(event, "Order*")',
    'match(context.page.path, "*checkout")',
    "properties.coupon != null and userId != null",
    "traits.plan = null",
    'traits.plan = "pro"',
    'type = "track" and (event = "A" or event = "Order Completed")',
    '(event = "A" or event = "B") and type = "track"',
    "properties.a\\ b >= -1.5",
    'name = "Home"',
    'userId != "u1"',
  ])("accepts %s", (fql) => {
    expect(checkTrigger(fql)).toMatchObject({ ok: true });
  });

  it.each([
    ["type =", "At the end", "a value"],
    ['type == "track"', "At character 6", 'single "="'],
    ['type = "track" and ((event = "A"))', "At character 21", "nested"],
    ['foo = "bar"', "At character 1", 'unknown field "foo"'],
    ['anonymousId = "x"', "At character 1", "unknown field"],
    ['event = "A" and', "At the end", "a field"],
    ['type = "track" garbage', "At character 16", '"and", "or"'],
    ['type = "track" event = "A"', "At character 16", '"and", "or"'],
    ['type = "track" and event = "A" or event = "B"', "At character 32", "mixed without parentheses"],
    ["type = 'track'", "At character 8", "double quotes"],
    ['type = "trck"', "At character 8", "not an event type"],
    ['match(event, "A")', "At character 14", "pattern with *"],
    ['properties.x > "a"', "At character 16", "numbers only"],
    ['(type = "track"', "At the end", '")"'],
    ['type = "track" )', "At character 16", '"and", "or"'],
    ["properties = 1", "At character 12", '"." and a name'],
    ['contains(event "x")', "At character 16", '","'],
    ["", "", "Enter a trigger"],
    ['event = "unterminated', "At character 9", "no closing double quote"],
  ])("refuses %s, saying where", (fql, where, what) => {
    const r = problem(fql);
    expect(r.message).toContain(where);
    expect(r.message).toContain(what);
  });

  it("accepts every preset trigger of the catalog (multi-line ones too)", () => {
    const refused = generate()
      .catalog.flatMap((d) => d.presets.map((p) => ({ at: `${d.slug}/${p.name}`, fql: p.trigger })))
      .map((p) => ({ ...p, check: checkTrigger(p.fql) }))
      .filter((p) => !p.check.ok);
    expect(refused).toEqual([]);
  });
});
