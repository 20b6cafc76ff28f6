import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "@/lib/auth/login-throttle";
import { uniqueEmail } from "@/lib/testing/fixtures";

// The counts live in the database, so every web process (and the next start) shares them.
describe("login throttle", () => {
  it("blocks a client after five failures for the rest of the window", async () => {
    const email = uniqueEmail();
    const now = Date.now(); // real time: other tests' failures drop expired rows by the clock
    for (let i = 0; i < 5; i++) {
      expect(await loginRetryAfter(email, "1.1.1.1", now)).toBe(0);
      await recordLoginFailure(email, "1.1.1.1", now);
    }
    expect(await loginRetryAfter(email, "1.1.1.1", now)).toBe(15 * 60_000);
    expect(await loginRetryAfter(email, "1.1.1.1", now + 60_000)).toBe(14 * 60_000);
    // Another client is not blocked for the same email, yet.
    expect(await loginRetryAfter(email, "2.2.2.2", now)).toBe(0);
    // After the window the client may try again, and a new failure starts a new window.
    const later = now + 15 * 60_000;
    expect(await loginRetryAfter(email, "1.1.1.1", later)).toBe(0);
    await recordLoginFailure(email, "1.1.1.1", later);
    expect(await db.loginThrottle.findUnique({ where: { key: `c:${email}|1.1.1.1` } })).toMatchObject({
      failures: 1,
      resetAtMs: BigInt(later + 15 * 60_000),
    });
  });

  it("blocks an email attacked from many clients, counting concurrent failures exactly", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordLoginFailure(email, `10.0.0.${i}`, now)));
    expect(await db.loginThrottle.findUnique({ where: { key: `e:${email}` } })).toMatchObject({ failures: 20 });
    expect(await loginRetryAfter(email, "10.0.1.1", now)).toBeGreaterThan(0);
  });

  it("forgets failures after a successful sign-in", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    for (let i = 0; i < 5; i++) await recordLoginFailure(email, "3.3.3.3", now);
    await clearLoginFailures(email, "3.3.3.3");
    expect(await loginRetryAfter(email, "3.3.3.3", now)).toBe(0);
  });
});
