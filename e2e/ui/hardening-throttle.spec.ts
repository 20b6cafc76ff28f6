import { expect, test } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";
import { signInOverHttp } from "../fixtures/raw-http";
import { baseURL } from "../../playwright.config";

// Sign-in throttling counts clients by socket address (this Sluice trusts no proxy), so a spoofed
// X-Forwarded-For buys an attacker nothing; and the per-email limit slows guessing instead of locking the
// account: after an attacker's failures the owner, from their own address, signs in after a short delay.
// (lib/auth/login-throttle.test.ts follows the delays up to their one-minute cap.)
test("an attacker's failures from several addresses do not lock the owner out", async ({ page }) => {
  await signInAsOwner(page);
  const victim = { email: `victim-${Date.now()}@example.test`, password: "the right password 1" };
  const ws = (await (await page.request.post("/api/workspaces", { data: { name: "Throttle" } })).json()).id;
  const invite = await page.request.post(`/api/workspaces/${ws}/invites`, {
    data: { email: victim.email, role: "member" },
  });
  const token = new URL((await invite.json()).url).pathname.split("/").pop();
  expect((await page.request.post(`/api/invites/${token}/accept`, { data: { password: victim.password } })).ok()).toBe(
    true,
  );

  // Five wrong guesses from 127.0.0.2, each claiming another X-Forwarded-For: all count against 127.0.0.2.
  const guess = (from: string, password: string, i = 0) =>
    signInOverHttp(
      baseURL,
      { email: victim.email, password },
      { from, headers: { "x-forwarded-for": `198.51.100.${i}` } },
    );
  for (let i = 0; i < 5; i++)
    expect((await guess("127.0.0.2", `wrong-${i}`, i)).error).toBe("Wrong email or password.");
  expect((await guess("127.0.0.2", victim.password, 99)).error).toMatch(
    /^Too many failed sign-in attempts\. Try again in a few minutes/,
  );

  // Each failure past the fifth delays the email's next attempt from anywhere, the attacker's included.
  expect((await guess("127.0.0.3", "wrong-6")).error).toBe("Wrong email or password.");
  expect((await guess("127.0.0.4", "wrong-7")).error).toMatch(/for this account\. Try again in 1 second\./);
  // The owner, from their own address, waits that short delay and signs in: slowed, never locked out.
  let attempt = await signInOverHttp(baseURL, victim, { from: "127.0.0.9" });
  for (let i = 0; attempt.error && i < 10; i++) {
    const wait = /for this account\. Try again in (\d+) seconds?\./.exec(attempt.error);
    expect(wait, attempt.error).not.toBeNull();
    expect(Number(wait![1])).toBeLessThanOrEqual(60);
    await new Promise((r) => setTimeout(r, Number(wait![1]) * 1000));
    attempt = await signInOverHttp(baseURL, victim, { from: "127.0.0.9" });
  }
  expect(attempt.error).toBeUndefined();
  expect(attempt.cookie).toMatch(/^next-auth\.session-token=/);
  // The attacker's first address still waits out its 15-minute window, right password or not.
  expect((await guess("127.0.0.2", victim.password)).error).toMatch(/Try again in a few minutes/);
});
