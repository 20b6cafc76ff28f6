import { describe, expect, it } from "vitest";
import { SurplusGate } from "./share";

// The surplus gate (hysteresis): a worker gives destinations back only when rounds over a whole confirmation
// period all found it above its share.

describe("SurplusGate", () => {
  it("a share that drops for one round releases nothing", () => {
    const gate = new SurplusGate(1000);
    expect(gate.observe(4, 4, 0)).toEqual({ release: 0, recheckInMs: null });
    expect(gate.observe(4, 2, 100)).toEqual({ release: 0, recheckInMs: 1000 }); // look again in a second
    expect(gate.observe(4, 4, 1100)).toEqual({ release: 0, recheckInMs: null }); // it came back: nothing moves
    expect(gate.observe(4, 2, 5000)).toEqual({ release: 0, recheckInMs: 1000 }); // a new run starts over
  });

  it("a surplus seen by rounds a whole period apart is released, all of it at once", () => {
    const gate = new SurplusGate(1000);
    expect(gate.observe(5, 2, 0)).toEqual({ release: 0, recheckInMs: 1000 });
    expect(gate.observe(5, 3, 400)).toEqual({ release: 0, recheckInMs: 600 }); // a round in between: still above
    expect(gate.observe(5, 3, 1000)).toEqual({ release: 2, recheckInMs: null }); // down to the share of now
    expect(gate.observe(3, 3, 1100)).toEqual({ release: 0, recheckInMs: null });
  });
});
