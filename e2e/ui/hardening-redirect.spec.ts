import { expect, test } from "@playwright/test";
import { owner } from "../fixtures/owner";
import { serveTestPages, type TestPageServer } from "../fixtures/test-page-server";
import { baseURL } from "../../playwright.config";

// After signing in, the login page goes to its callbackUrl. Browsers read `/\host` and `/<tab>/host` as
// `//host` (another site), so only what parses as a path on Sluice's own origin may be followed.
let elsewhere: TestPageServer;

test.beforeAll(async () => {
  elsewhere = await serveTestPages({ "/pwned": { body: "<!doctype html><h1>Pwned</h1>" } });
});
test.afterAll(async () => elsewhere?.close());

for (const [label, prefix] of [
  ["backslash", "/%5C"],
  ["tab", "/%09/"],
]) {
  test(`a ${label} callbackUrl to another host lands on Sluice after sign-in`, async ({ page }) => {
    const otherHost = new URL(elsewhere.origin).host;
    await page.goto(`/login?callbackUrl=${prefix}${otherHost}/pwned`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).origin).toBe(baseURL);
    await expect(page.getByRole("heading", { name: "Pwned" })).toHaveCount(0);
  });
}

test("a callbackUrl on Sluice itself is still followed", async ({ page }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/workspaces/new?from=login")}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/workspaces/new?from=login`);
});
