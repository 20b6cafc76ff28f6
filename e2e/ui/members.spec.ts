import { expect, test } from "@playwright/test";
import { owner } from "../fixtures/owner";
import { signInAsOwner } from "../fixtures/sign-in";

test("the owner invites an admin, who joins by link; demoted to member, they can no longer invite", async ({
  page,
  browser,
  context,
}) => {
  test.setTimeout(60_000); // two browsers, three sign-ins (bcrypt) and a dozen page loads
  const email = `admin-${Date.now()}@example.test`;
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/settings/members`);
  await expect(page.getByTestId("member-row").filter({ hasText: owner.email })).toContainText("You");

  // Invite: the dialog shows the link once, with a copy button.
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a member" });
  await dialog.getByLabel("Email").fill("not an email");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText("Enter a valid email address");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("admin");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const created = page.getByRole("dialog", { name: "Invite link created" });
  await expect(created).toContainText("shown only once");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await created.getByRole("button", { name: "Copy link" }).click();
  await expect(created.getByRole("button", { name: "Copied" })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  await expect(created.getByTestId("invite-url")).toHaveText(url);
  expect(url).toMatch(/\/invite\/inv_[\w-]+$/);
  await created.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toContainText("Admin");

  // The invitee, in a browser of their own, sets a password and lands in the workspace.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(url);
  await expect(invitee.getByRole("heading", { name: `Join ${owner.workspace} as admin` })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ada Admin");
  await invitee.getByLabel("Password").fill("short");
  await invitee.getByRole("button", { name: `Join ${owner.workspace}` }).click();
  await expect(invitee.getByTestId("field-error")).toHaveText("Use at least 8 characters");
  await invitee.getByLabel("Password").fill("admin password 1");
  await invitee.getByRole("button", { name: `Join ${owner.workspace}` }).click();
  await expect(invitee).toHaveURL(new RegExp(`/${workspaceId}/connections$`));

  await invitee.goto(`/${workspaceId}/settings/members`);
  await expect(invitee.getByTestId("member-row").filter({ hasText: owner.email })).toContainText("Owner");
  await expect(invitee.getByTestId("member-row").filter({ hasText: email })).toContainText("Ada Admin");
  await expect(invitee.getByRole("button", { name: "Invite member" })).toBeVisible();

  // The link worked once.
  const reuse = await inviteeContext.newPage();
  await reuse.goto(url);
  await expect(reuse.getByRole("heading", { name: "This invite link does not work" })).toBeVisible();

  // The owner makes them a member; after a reload they see the list read-only.
  await page.reload();
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toHaveCount(0);
  await page.getByLabel(`Role of ${email}`).selectOption("member");
  await expect(page.getByTestId("toast")).toContainText(`${email} is now a member`);

  await invitee.reload();
  await expect(invitee.getByTestId("member-row").filter({ hasText: email })).toContainText("Member");
  await expect(invitee.getByRole("button", { name: "Leave workspace" })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Invite member" })).toHaveCount(0);
  await expect(invitee.getByLabel(`Role of ${owner.email}`)).toHaveCount(0);
  await inviteeContext.close();
});
