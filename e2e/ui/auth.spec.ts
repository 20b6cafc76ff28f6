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
  const form = page.locator("form").filter({ has: page.getByLabel("Name") });
  const name = form.getByLabel("Name");
  // The form is server-rendered: Save turns on once React runs, and what is typed before that would be lost.
  await expect(form.getByRole("button", { name: "Save" })).toBeEnabled();
  await name.fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Enter a name");
  await name.fill("Acme Inc");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toast")).toContainText("Workspace renamed");
  await expect(page.getByTestId("workspace-switcher")).toContainText("Acme Inc");
  // Restore the name the other tests expect.
  await name.fill("Acme");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("workspace-switcher")).toContainText("Acme");
});

test("an admin sets how long the workspace keeps its events", async ({ page }) => {
  await signInAsOwner(page);
  const created = await page.request.post("/api/workspaces", { data: { name: `Retention ${Date.now()}` } });
  const workspaceId = (await created.json()).id as string;
  await page.goto(`/${workspaceId}/settings/general`);
  const card = page.getByTestId("retention-card");
  const days = card.getByLabel("Keep events for (days)");
  const count = card.getByLabel("Keep at most (events)");
  await expect(days).toHaveValue("7");
  await expect(count).toHaveValue("1000000");

  await days.fill("0");
  await count.fill("");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByTestId("field-error")).toHaveText(["Keep events at least 1 day", "Enter a number of events"]);
  await days.fill("30");
  await count.fill("50000");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toast")).toContainText("Event retention saved");
  await page.reload();
  await expect(days).toHaveValue("30");
  await expect(count).toHaveValue("50000");
  const settings = await (await page.request.get(`/api/workspaces/${workspaceId}/settings`)).json();
  expect(settings).toMatchObject({ retentionDays: 30, retentionMaxEvents: 50000 });
});
