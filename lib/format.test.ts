import { describe, expect, it } from "vitest";
import { formatEventTime } from "./format";

describe("formatEventTime", () => {
  it("shows the time of day for today's calls and adds the day for older ones", () => {
    const now = new Date(2026, 10, 29, 18, 0, 0);
    expect(formatEventTime(new Date(2026, 10, 29, 15, 4, 5).toISOString(), now)).toMatch(/^3:04:05\sPM$/);
    expect(formatEventTime(new Date(2026, 10, 28, 15, 4, 5).toISOString(), now)).toMatch(/^Nov 28, 3:04:05\sPM$/);
  });
});
