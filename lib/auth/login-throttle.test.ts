import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  clearLoginFailures,
  clientAddress,
  emailDelayMs,
  finishLoginAttempt,
  loginRetryAfter,
  loginThrottle,
  recordLoginFailure,
  startLoginAttempt,
} from "@/lib/auth/login-throttle";
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

  it("slows an email attacked from many clients, counting concurrent failures exactly", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordLoginFailure(email, `10.0.0.${i}`, now)));
    expect(await db.loginThrottle.findUnique({ where: { key: `e:${email}` } })).toMatchObject({ failures: 20 });
    expect(await loginThrottle(email, "10.0.1.1", now)).toEqual({ waitMs: 60_000, reason: "email" });
  });

  it("delays each attempt on an email longer after every failure, up to a minute", async () => {
    expect([1, 5, 6, 7, 8, 10, 12, 13, 100].map(emailDelayMs)).toEqual([
      0, 0, 1000, 2000, 4000, 16_000, 60_000, 60_000, 60_000,
    ]);
    const email = uniqueEmail();
    const now = Date.now();
    for (let i = 0; i < 7; i++) await recordLoginFailure(email, `10.1.0.${i}`, now + i * 10);
    // The delay runs from the latest failure.
    expect(await loginRetryAfter(email, "10.1.1.1", now + 60)).toBe(2000);
    expect(await loginRetryAfter(email, "10.1.1.1", now + 60 + 2000)).toBe(0);
  });

  it("lets the owner sign in from their own address after an attacker's failures", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    for (let i = 0; i < 30; i++) await recordLoginFailure(email, "6.6.6.6", now);
    for (let i = 0; i < 30; i++) await recordLoginFailure(email, `7.7.${i}.7`, now); // many addresses too
    // The attacker's address waits out its window; the owner waits at most the email's delay.
    expect(await loginRetryAfter(email, "6.6.6.6", now + 60_000)).toBe(14 * 60_000);
    expect(await loginRetryAfter(email, "192.0.2.10", now)).toBeLessThanOrEqual(60_000);
    expect(await loginRetryAfter(email, "192.0.2.10", now + 60_000)).toBe(0);
    // Signing in clears the owner's address, not the email's count: the attacker stays slowed.
    await clearLoginFailures(email, "192.0.2.10");
    expect(await loginRetryAfter(email, "8.8.8.8", now + 1000)).toBeGreaterThan(0);
  });

  it("lets only as many guesses sent side by side through as one after another", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => startLoginAttempt(email, `10.2.0.${i}`, now)),
    );
    // Five free failures and the sixth attempt; the seventh would have to wait the 1 s delay.
    expect(attempts.filter((a) => a.waitMs === 0)).toHaveLength(6);
    expect(attempts.filter((a) => a.reason === "email")).toHaveLength(14);
    expect(await db.loginThrottle.findUnique({ where: { key: `e:${email}` } })).toMatchObject({ failures: 6 });
  });

  it("counts a failed attempt against the client too, and takes a successful one back", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      expect((await startLoginAttempt(email, "10.3.0.1", now)).waitMs).toBe(0);
      await finishLoginAttempt(email, "10.3.0.1", false, now);
    }
    expect(await startLoginAttempt(email, "10.3.0.1", now)).toMatchObject({ reason: "client" });
    expect((await startLoginAttempt(email, "10.3.0.2", now)).waitMs).toBe(0);
    await finishLoginAttempt(email, "10.3.0.2", true, now);
    expect(await db.loginThrottle.findUnique({ where: { key: `e:${email}` } })).toMatchObject({ failures: 5 });
    expect(await db.loginThrottle.findUnique({ where: { key: `c:${email}|10.3.0.2` } })).toBeNull();
  });

  it("counts the address server.js resolved, never a client's X-Forwarded-For", () => {
    const g = globalThis as { sluiceServer?: unknown };
    const headers = new Headers({ "x-forwarded-for": "1.2.3.4", "x-sluice-client-address": "203.0.113.9" });
    delete g.sluiceServer; // plain `next start`: the header could come from anyone
    expect(clientAddress(headers)).toBe("unknown");
    g.sluiceServer = { clientAddressHeader: "x-sluice-client-address" };
    try {
      expect(clientAddress(headers)).toBe("203.0.113.9");
      expect(clientAddress({ "x-sluice-client-address": "203.0.113.9", "x-forwarded-for": "1.2.3.4" })).toBe(
        "203.0.113.9",
      );
      expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
    } finally {
      delete g.sluiceServer;
    }
  });

  it("forgets failures after a successful sign-in", async () => {
    const email = uniqueEmail();
    const now = Date.now();
    for (let i = 0; i < 5; i++) await recordLoginFailure(email, "3.3.3.3", now);
    await clearLoginFailures(email, "3.3.3.3");
    expect(await loginRetryAfter(email, "3.3.3.3", now)).toBe(0);
  });
});
