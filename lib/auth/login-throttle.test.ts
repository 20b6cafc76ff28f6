import { describe, expect, it } from "vitest";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "@/lib/auth/login-throttle";

describe("login throttle", () => {
  it("blocks a client after five failures for the rest of the window", () => {
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(loginRetryAfter("a@x.test", "1.1.1.1", now)).toBe(0);
      recordLoginFailure("a@x.test", "1.1.1.1", now);
    }
    expect(loginRetryAfter("a@x.test", "1.1.1.1", now)).toBe(15 * 60_000);
    // Another client is not blocked for the same email, yet.
    expect(loginRetryAfter("a@x.test", "2.2.2.2", now)).toBe(0);
    // After the window the client may try again.
    expect(loginRetryAfter("a@x.test", "1.1.1.1", now + 15 * 60_000)).toBe(0);
  });

  it("blocks an email attacked from many clients", () => {
    const now = 2_000_000;
    for (let i = 0; i < 20; i++) recordLoginFailure("b@x.test", `10.0.0.${i}`, now);
    expect(loginRetryAfter("b@x.test", "10.0.1.1", now)).toBeGreaterThan(0);
  });

  it("forgets failures after a successful sign-in", () => {
    const now = 3_000_000;
    for (let i = 0; i < 5; i++) recordLoginFailure("c@x.test", "3.3.3.3", now);
    clearLoginFailures("c@x.test", "3.3.3.3");
    expect(loginRetryAfter("c@x.test", "3.3.3.3", now)).toBe(0);
  });
});
