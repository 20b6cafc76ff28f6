import { expect, test } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

test("an owner switches in-app messaging on and off", async ({ page }) => {
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/settings/general`);
  const card = page.getByTestId("in-app-card");
  await expect(card).toContainText("Off");
  await card.getByRole("button", { name: "Enable in-app" }).click();
  await expect(card).toContainText("Enabled");
  await page.reload();
  await expect(card).toContainText("Enabled");
  await card.getByRole("button", { name: "Disable in-app" }).click();
  await expect(card).toContainText("Off");
});

test("tracking API keys: create, reveal, rename, regenerate, revoke", async ({ page }) => {
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/settings/api-credentials`);
  await page.getByRole("button", { name: "Create Tracking API Key" }).click();
  await page.getByRole("dialog", { name: "Create a tracking API key" }).getByLabel("Name").fill("Website");
  await page.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: "Tracking API key created" });
  await expect(shown.getByTestId("secret-value")).toHaveCount(2);
  const [siteId, apiKey] = await shown.getByTestId("secret-value").locator("pre").allInnerTexts();
  expect(siteId).toMatch(/^[0-9a-f]{20}$/);
  expect(apiKey).toMatch(/^[0-9a-f]{20}$/);
  await shown.getByRole("button", { name: "Done" }).click();

  const row = page.getByTestId("tracking-key-row").filter({ hasText: "Website" });
  await expect(row.getByTestId("api-key")).toHaveText(`••••••••${apiKey!.slice(-4)}`);
  await row.getByRole("button", { name: "Reveal" }).click();
  await expect(row.getByTestId("api-key")).toHaveText(apiKey!);

  await row.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("dialog", { name: "Rename the tracking API key" }).getByLabel("Name").fill("Marketing site");
  await page.getByRole("button", { name: "Save" }).click();
  const renamed = page.getByTestId("tracking-key-row").filter({ hasText: "Marketing site" });
  await expect(renamed).toContainText(siteId!);

  await renamed.getByRole("button", { name: "Regenerate" }).click();
  await page
    .getByRole("dialog", { name: "Regenerate the API key?" })
    .getByRole("button", { name: "Regenerate" })
    .click();
  const regenerated = page.getByRole("dialog", { name: "New API key" });
  await expect(regenerated.getByTestId("secret-value")).toHaveCount(2);
  const [sameSiteId, newKey] = await regenerated.getByTestId("secret-value").locator("pre").allInnerTexts();
  expect(sameSiteId).toBe(siteId);
  expect(newKey).not.toBe(apiKey);
  // The toast about it is in the top layer with the dialog (raised after it), not hidden behind its backdrop.
  await expect(page.getByTestId("toast").filter({ hasText: "API key regenerated" })).toBeVisible();
  expect(await page.locator("#sluice-toasts").evaluate((el) => el.matches(":popover-open"))).toBe(true);
  await regenerated.getByRole("button", { name: "Done" }).click();

  await renamed.getByRole("button", { name: "Revoke" }).click();
  await page
    .getByRole("dialog", { name: "Revoke this tracking API key?" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(renamed).toContainText("Revoked");
  await expect(renamed.getByRole("button", { name: "Reveal" })).toHaveCount(0);
});

test("an App API key authorizes the management API until it is revoked", async ({ page, playwright, baseURL }) => {
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/settings/api-credentials`);
  await page.getByRole("button", { name: "Create App API Key" }).click();
  const form = page.getByRole("dialog", { name: "Create an App API key" });
  await form.getByLabel("Name").fill("Automation");
  await form.getByLabel("Access").selectOption("full");
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "App API key created" });
  const token = (await shown.getByTestId("secret-value").locator("pre").innerText()).trim();
  expect(token).toMatch(/^sk_sluice_/);
  await shown.getByRole("button", { name: "Done" }).click();

  // A client with no cookies, like curl.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const settings = await api.get(`/api/workspaces/${workspaceId}/settings`);
  expect(settings.status()).toBe(200);
  expect(await settings.json()).toMatchObject({ retentionDays: 7 });
  const sources = await api.get(`/api/workspaces/${workspaceId}/sources`);
  expect(sources.status()).toBe(200);
  expect(Array.isArray((await sources.json()).sources)).toBe(true);
  const rename = await api.patch(`/api/workspaces/${workspaceId}`, { data: { name: "Acme" } });
  expect(rename.status()).toBe(200);

  const row = page.getByTestId("app-key-row").filter({ hasText: "Automation" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this App API key?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  expect((await api.get(`/api/workspaces/${workspaceId}/settings`)).status()).toBe(401);
  await api.dispose();
});
