import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { seedMarketer } from "../fixtures/marketer";
import { sendCall } from "../fixtures/seed";

// Screenshots of every screen at a phone's and a desktop's width, looked at by whoever changes these pages.
// SCREENSHOT_DIR keeps them out of test-results/, which every Playwright run in the worktree empties first.
const SHOTS = process.env.SCREENSHOT_DIR ?? "test-results/screenshots/destinations";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// At phone width the app shell does not collapse its sidebar yet (issue #16), which leaves these pages 166 px;
// the phone shots hide it, to show the pages at the width they will have once it collapses into a menu.
async function shoot(page: Page, name: string) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.evaluate((isPhone) => {
      document.getElementById("shot-no-sidebar")?.remove();
      if (!isPhone) return;
      const style = Object.assign(document.createElement("style"), { id: "shot-no-sidebar" });
      style.textContent = "aside { display: none !important; }";
      document.head.append(style);
    }, size === PHONE);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // The whole page, but at most 2,400 px of it (the catalog is 200+ cards long).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: `${SHOTS}/${name}-${size.width}.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: size.width, height: Math.min(height, 2400) },
    });
  }
}

test.use({ viewport: DESKTOP });

test("a marketer browses the catalog, adds a Webhook with a shared secret, toggles an action, edits and deletes it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { workspaceId, source } = await seedMarketer(page, "Checkout server");
  const secret = `whsec-${Date.now()}-do-not-show`;
  const name = "Webhook — order notifications";

  // A new workspace starts with the built-in Journeys destination (as Customer.io's do); it can be removed like
  // any other. Then the empty list leads to the catalog, not to Sources.
  await page.goto(`/${workspaceId}/destinations`);
  const builtin = page.getByTestId("destination-row").filter({ hasText: "Customer.io Journeys" });
  await expect(builtin).toHaveCount(1);
  const initial = (await (await page.request.get(`/api/workspaces/${workspaceId}/destinations`)).json()) as {
    destinations: { id: string; slug: string }[];
  };
  expect(initial.destinations.map((d) => d.slug)).toEqual(["customerio"]);
  const removed = await page.request.delete(
    `/api/workspaces/${workspaceId}/destinations/${initial.destinations[0]!.id}`,
  );
  expect(removed.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("empty-state")).toContainText("No destinations yet");
  await shoot(page, "list-empty");
  await page.getByRole("link", { name: "Browse the catalog" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/destinations/new$`));

  // Browse by category, search by name and by what a destination does.
  const entries = page.getByTestId("catalog-entry");
  await expect(entries.first()).toBeVisible();
  const total = await entries.count();
  expect(total).toBeGreaterThan(100);
  await shoot(page, "catalog");
  await page
    .getByRole("navigation", { name: "Categories" })
    .getByRole("button", { name: /Webhooks/ })
    .click();
  await expect(entries.filter({ hasText: /^W/ }).first()).toBeVisible();
  expect(await entries.count()).toBeLessThan(total);
  await expect(entries.filter({ has: page.getByText("Webhook", { exact: true }) })).toHaveCount(1);
  await page
    .getByRole("navigation", { name: "Categories" })
    .getByRole("button", { name: /All destinations/ })
    .click();
  await page.getByLabel("Search destinations").fill("email");
  await expect(page.getByTestId("catalog-count")).not.toHaveText(`${total} destinations`);
  const byKeyword = await entries.count();
  expect(byKeyword).toBeGreaterThan(3);
  await page.getByLabel("Search destinations").fill("no such destination anywhere");
  await expect(page.getByTestId("empty-state")).toContainText("No destination matches");
  await page.getByLabel("Search destinations").fill("webhook");
  await shoot(page, "catalog-search");
  await page.locator('[data-testid="catalog-entry"][data-slug="webhook"]').click();

  // Sources: optional; connect the seeded one.
  await expect(page.getByRole("heading", { name: "Connect sources" })).toBeVisible();
  await shoot(page, "add-sources");
  await page.getByLabel("Connect Checkout server").check();
  await page.getByRole("button", { name: "Continue with 1 connected" }).click();

  // Settings: generated from the definition; the shared secret is a password input.
  await expect(page.getByTestId("settings-form")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Webhook");
  const secretInput = page.getByLabel("Shared Secret");
  await expect(secretInput).toHaveAttribute("type", "password");
  await page.getByLabel("Name").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Enter a name");
  await page.getByLabel("Name").fill(name);
  await secretInput.fill(secret);
  await shoot(page, "add-settings");
  await page.getByRole("button", { name: "Save" }).click();

  // Saved disabled; Webhook has no authentication test, so the step says so; then enable.
  const step = page.getByTestId("enable-step");
  await expect(step).toContainText("has no connection test");
  await shoot(page, "add-enable");
  await page.getByRole("button", { name: "Enable destination" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/destinations/(?!new$)[^/]+$`));
  const destinationId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("destination-name")).toHaveText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Enabled");

  // The API never returns the secret, only that it is set.
  const api = `/api/workspaces/${workspaceId}/destinations/${destinationId}`;
  const stored = await (await page.request.get(api)).json();
  expect(stored).toMatchObject({
    slug: "webhook",
    enabled: true,
    sourceIds: [source.id],
    secretsSet: ["sharedSecret"],
  });
  expect(JSON.stringify(stored)).not.toContain(secret);

  // An action to toggle (Webhook has no presets: its one action type needs a URL).
  const created = await page.request.post(`${api}/actions`, {
    data: {
      actionKey: "send",
      name: "Orders to the hook",
      trigger: 'type = "track" and event = "Order Completed"',
      mapping: { url: "http://127.0.0.1:9/hook", method: "POST", data: { "@path": "$.properties" } },
      enabled: true,
    },
  });
  expect(created.status()).toBe(201);
  const actionId = ((await created.json()) as { id: string }).id;
  await page.reload();
  const row = page.getByTestId("action-row").filter({ hasText: "Orders to the hook" });
  await expect(row).toContainText('event = "Order Completed"');
  await expect(row.getByRole("link", { name: "Edit" })).toHaveAttribute(
    "href",
    `/${workspaceId}/destinations/${destinationId}/actions/${actionId}`,
  );
  await shoot(page, "tab-overview");
  await row.getByRole("switch", { name: "Orders to the hook on" }).click();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("toast").filter({ hasText: "Orders to the hook off" })).toBeVisible();
  const afterToggle = await (await page.request.get(api)).json();
  expect(afterToggle.actions.find((a: { id: string }) => a.id === actionId).enabled).toBe(false);

  await page.getByRole("tab", { name: "Actions" }).click();
  await expect(page).toHaveURL(new RegExp(`/destinations/${destinationId}/actions$`));
  await expect(page.getByText("Webhook offers 1 action type")).toBeVisible();
  await expect(page.getByTestId("action-row")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Add action" })).toHaveAttribute(
    "href",
    `/${workspaceId}/destinations/${destinationId}/actions/new`,
  );
  await shoot(page, "tab-actions");
  await page.getByRole("tab", { name: "Data Out" }).click();
  await expect(page.getByTestId("data-out")).toBeVisible();
  await shoot(page, "tab-data-out");

  // The list and Connections show it, with a line from the source.
  await page.goto(`/${workspaceId}/destinations`);
  const listed = page.getByTestId("destination-row").filter({ hasText: name });
  await expect(listed).toContainText("Enabled");
  await expect(listed.getByTestId("destination-sources")).toHaveText("1");
  await expect(listed.getByTestId("destination-actions")).toHaveText("0 / 1 on");
  await shoot(page, "list-filled");
  await page.goto(`/${workspaceId}/connections`);
  await expect(
    page.locator(`[data-testid="connection-line"][data-source="${source.id}"][data-destination="${destinationId}"]`),
  ).toHaveCount(1);
  await shoot(page, "connections");
  await page.setViewportSize(PHONE);
  await expect(page.getByTestId("connection-line")).toHaveCount(0); // stacked: chips instead of lines
  await expect(
    page.getByTestId("connection-destination").filter({ hasText: name }).getByTestId("connected-to"),
  ).toHaveText("← Checkout server · 0 delivered");
  await page.setViewportSize(DESKTOP);
  await page.getByRole("link", { name: "Add destination" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/destinations/new$`));

  // Settings: the secret shows as set, never its value; renaming keeps it.
  await page.goto(`/${workspaceId}/destinations/${destinationId}/settings`);
  await expect(page.getByTestId("secret-set")).toHaveText("Set");
  await expect(page.getByLabel(/Shared Secret/)).toHaveValue("");
  expect(await page.content()).not.toContain(secret);
  await shoot(page, "tab-settings");
  await page.getByLabel("Name").fill("Webhook — renamed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("destination-name")).toHaveText("Webhook — renamed");
  const renamed = await (await page.request.get(api)).json();
  expect(renamed.secretsSet).toEqual(["sharedSecret"]);
  expect(JSON.stringify(renamed)).not.toContain(secret);

  // Delete, confirmed.
  await page.getByRole("button", { name: "Delete destination" }).click();
  await page
    .getByRole("dialog", { name: "Delete “Webhook — renamed”?" })
    .getByRole("button", { name: "Delete destination" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/destinations$`));
  await expect(page.getByTestId("empty-state")).toContainText("No destinations yet");
  expect((await page.request.get(api)).status()).toBe(404);
  expect((await page.goto(`/${workspaceId}/destinations/${destinationId}`))?.status()).toBe(404);
});

test("connected sources are edited on the Overview; the list and Connections follow", async ({ page }) => {
  const { workspaceId, source } = await seedMarketer(page, "Website");
  const other = await page.request.post(`/api/workspaces/${workspaceId}/sources`, {
    data: { type: "javascript", name: "Mobile web", connectJourneys: false },
  });
  expect(other.status()).toBe(201);
  const otherId = ((await other.json()) as { id: string }).id;
  const created = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Hook", settings: {}, sourceIds: [source.id] },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;

  await page.goto(`/${workspaceId}/destinations/${id}`);
  const card = page.getByTestId("connected-sources-card");
  await expect(card.getByLabel("Connect Website")).toBeChecked();
  await card.getByLabel("Connect Website").uncheck();
  await card.getByLabel("Connect Mobile web").check();
  await card.getByRole("button", { name: "Save connections" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Connected sources saved" })).toBeVisible();
  const stored = await (await page.request.get(`/api/workspaces/${workspaceId}/destinations/${id}`)).json();
  expect(stored.sourceIds).toEqual([otherId]);

  // The enabled switch, and the list's counts.
  await page.getByRole("switch", { name: "Destination enabled" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(stored.enabled ? "Disabled" : "Enabled");
  await page.goto(`/${workspaceId}/connections`);
  await expect(page.locator(`[data-testid="connection-line"][data-source="${otherId}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid="connection-line"][data-source="${source.id}"]`)).toHaveCount(0);
});

test("Data Out lists what the delivery engine sent, filtered by status", async ({ page }) => {
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push(body);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const { workspaceId, source } = await seedMarketer(page, "Checkout server");
    const created = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
      data: { slug: "webhook", name: "Orders hook", settings: {}, sourceIds: [source.id], enabled: true },
    });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const action = await page.request.post(`/api/workspaces/${workspaceId}/destinations/${id}/actions`, {
      data: {
        actionKey: "send",
        name: "Orders",
        trigger: 'type = "track"',
        mapping: {
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
          method: "POST",
          data: { "@path": "$.properties" },
        },
        enabled: true,
      },
    });
    expect(action.status()).toBe(201);
    const props = { orderId: `o-${Date.now()}`, total: 42 };
    expect(
      await sendCall(page, source.writeKey, "track", { userId: "u1", event: "Order Completed", properties: props }),
    ).toBe(200);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(JSON.parse(received[0]!)).toEqual(props);

    await page.goto(`/${workspaceId}/destinations/${id}/data-out`);
    await expect(async () => {
      await page.getByRole("button", { name: "Refresh" }).click();
      await expect(page.getByTestId("delivery-row")).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    const row = page.getByTestId("delivery-row");
    await expect(row).toHaveAttribute("data-status", "delivered");
    await expect(row).toContainText("Orders");
    await expect(row).toContainText("HTTP 200");
    await shoot(page, "tab-data-out-filled");
    await page.getByLabel("Status").selectOption("failed");
    await expect(page.getByTestId("empty-state")).toContainText("No failed deliveries");
    await page.getByLabel("Status").selectOption("delivered");
    await expect(page.getByTestId("delivery-row")).toHaveCount(1);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("a destination with required secrets and choices: its form refuses empty fields, the connection test shows the real error", async ({
  page,
}) => {
  const { workspaceId } = await seedMarketer(page, "Website");
  await page.goto(`/${workspaceId}/destinations/new`);
  await page.getByLabel("Search destinations").fill("customerio");
  await page.locator('[data-testid="catalog-entry"][data-slug="customerio"]').click();
  await page.getByRole("button", { name: "Continue without sources" }).click();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("field-error")).toHaveText(["Enter Site ID", "Enter API Key"]);
  await expect(page.getByLabel("Site ID")).toHaveAttribute("type", "password");
  await expect(page.getByLabel("Account Region")).toHaveValue("sluice"); // Sluice's own Track API by default
  await page.getByLabel("Site ID").fill("site-123");
  await page.getByLabel("API Key").fill("key-456");
  await page.getByLabel("Account Region").selectOption("EU 🇪🇺");
  await page.getByRole("button", { name: "Save" }).click();

  // Saved disabled with one action per preset; its own authentication check runs for real (no internet here).
  const step = page.getByTestId("enable-step");
  await expect(step.getByTestId("preset-actions")).toContainText("Create or Update Person");
  await step.getByRole("button", { name: "Test connection" }).click();
  const result = step.getByTestId("test-connection-result");
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText("Failed.");
  await expect(result).not.toContainText("key-456");
  await shoot(page, "add-enable-with-test");
  await step.getByRole("link", { name: "Leave it disabled for now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled");

  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByTestId("secret-set")).toHaveCount(2);
  await expect(page.getByLabel("Account Region")).toHaveValue("EU 🇪🇺");
  await expect(page.getByRole("button", { name: "Test connection" })).toBeVisible();
  expect(await page.content()).not.toContain("key-456");
});
