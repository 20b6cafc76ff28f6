import { expect, test } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

test("repeated failed sign-ins are rate-limited", async ({ page }) => {
  await page.goto("/login");
  const email = "someone-else@example.test";
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  }
  await page.getByLabel("Password").fill("guess-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(/Too many failed sign-in attempts/);
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  const workspaceId = await signInAsOwner(page);
  await page.context().clearCookies();
  await page.goto(`/${workspaceId}/debugger`);
  await expect(page).toHaveURL(/\/login/);
});

test("an admin renames the workspace in Settings", async ({ page }) => {
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/settings`);
  await expect(page).toHaveURL(/\/settings\/general$/);
  const name = page.getByLabel("Name");
  await name.fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Enter a name");
  await name.fill("Acme Inc");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toast")).toContainText("Workspace renamed");
  await expect(page.getByTestId("workspace-switcher").locator("summary")).toContainText("Acme Inc");
  // Restore the name the other tests expect.
  await name.fill("Acme");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("workspace-switcher").locator("summary")).toContainText("Acme");
});
