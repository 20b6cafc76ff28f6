import { describe, expect, it } from "vitest";
import { integrationsAllow, parsedTrigger, routeEvent } from "./route";

const dest = { names: ["My hook", "Webhook", "webhook"] };
const track = { type: "track", event: "Order Completed", properties: { total: 42 } };

describe("integrationsAllow", () => {
  it("follows Segment: named entries win, else All (default true)", () => {
    expect(integrationsAllow(track, dest)).toBe(true);
    expect(integrationsAllow({ ...track, integrations: { All: false } }, dest)).toBe(false);
    expect(integrationsAllow({ ...track, integrations: { All: false, Webhook: true } }, dest)).toBe(true);
    expect(integrationsAllow({ ...track, integrations: { All: false, "My hook": { x: 1 } } }, dest)).toBe(true);
    expect(integrationsAllow({ ...track, integrations: { Webhook: false } }, dest)).toBe(false);
    expect(integrationsAllow({ ...track, integrations: { Mixpanel: false } }, dest)).toBe(true);
    expect(integrationsAllow({ ...track, integrations: { All: true, webhook: false } }, dest)).toBe(false);
  });
});

describe("routeEvent", () => {
  it("explains each action's decision", () => {
    const actions = [
      { id: "a", name: "Tracks", trigger: 'type = "track"', enabled: true },
      { id: "b", name: "Identifies", trigger: 'type = "identify"', enabled: true },
      { id: "c", name: "Off", trigger: 'type = "track"', enabled: false },
      { id: "d", name: "Broken", trigger: "foo = 1", enabled: true },
    ];
    const decisions = routeEvent(track, dest, actions);
    expect(decisions.map((d) => (d.take ? "take" : d.reason))).toEqual([
      "take",
      "trigger",
      "disabled",
      "invalid_trigger",
    ]);
    expect(routeEvent({ ...track, integrations: { All: false } }, dest, actions).every((d) => !d.take)).toBe(true);
  });

  it("parses each trigger text once", () => {
    expect(parsedTrigger('event = "X"')).toBe(parsedTrigger('event = "X"'));
  });
});
