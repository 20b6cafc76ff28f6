import { expect, test } from "@playwright/test";
import { owner } from "./fixtures/owner";

// Runs first, on the empty database the e2e server starts with.
test("fresh install: setup, workspaces, sign out and back in", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Sluice" })).toBeVisible();

  // The form validates before anything is created.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();

  await page.getByLabel("Your name").fill("Olga Owner");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Workspace name").fill(owner.workspace);
  await page.getByRole("button", { name: "Create owner account" }).click();

  // Signed in, on the Connections page of the new workspace, with its empty state.
  await expect(page).toHaveURL(/\/[a-z0-9]+\/connections$/);
  await expect(page.getByRole("heading", { name: "Connections", exact: true })).toBeVisible();
  // The workspace starts with the built-in Journeys destination, so what it lacks is a source.
  await expect(page.getByTestId("empty-state")).toContainText("No sources yet");
  const firstUrl = page.url();

  // Every section has a page with an empty state; Destinations lists the built-in Journeys destination.
  for (const [link, text] of [
    ["Sources", "No sources yet"],
    ["Debugger", "No events yet"],
    ["People", "No people yet"],
  ]) {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: link }).click();
    await expect(page.getByTestId("empty-state")).toContainText(text);
  }
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Destinations" }).click();
  await expect(page.getByTestId("destination-row")).toHaveText([/Customer\.io Journeys/]);

  // Setup is closed once an owner exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$|\/connections$/);

  // A second workspace, then switch back to the first from the header.
  await page.goto(firstUrl);
  await page.getByTestId("workspace-switcher").click();
  await page.getByRole("menuitem", { name: "+ Create workspace" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workspace" });
  await dialog.getByLabel("Workspace name").fill("Staging");
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page.getByTestId("workspace-switcher")).toContainText("Staging");

  await page.getByTestId("workspace-switcher").click();
  await page.getByRole("menu").getByRole("menuitem", { name: owner.workspace, exact: true }).click();
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByTestId("workspace-switcher")).toContainText(owner.workspace);

  // Sign out, then a wrong password is refused and the right one works.
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(firstUrl);
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");

  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByRole("heading", { name: "Connections", exact: true })).toBeVisible();
});
