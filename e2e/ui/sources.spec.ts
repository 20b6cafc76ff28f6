import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

const TYPES = [
  { name: "JavaScript", category: "Website" },
  { name: "Node.js", category: "Server" },
  { name: "Python", category: "Server" },
  { name: "Go", category: "Server" },
  { name: "HTTP API", category: "Server" },
  { name: "iOS", category: "Mobile" },
  { name: "Android", category: "Mobile" },
  { name: "React Native", category: "Mobile" },
  { name: "Flutter", category: "Mobile" },
];

/** Adds a source through the catalog and the name step; returns its id and write key from its page. */
async function addSource(page: Page, workspaceId: string, typeName: string, name: string) {
  await page.goto(`/${workspaceId}/sources/new`);
  await page.getByTestId("catalog-entry").filter({ hasText: typeName }).first().click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create source" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources/[^/]+$`));
  await expect(page.getByTestId("source-name")).toHaveText(name);
  const writeKey = (await page.getByTestId("write-key").innerText()).trim();
  expect(writeKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
  return { id: new URL(page.url()).pathname.split("/").pop()!, writeKey };
}

function track(page: Page, writeKey: string) {
  return page.request.post("/v1/track", {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "x-strict-mode": "1" },
    data: { userId: "e2e-user", event: "E2E Event" },
  });
}

test("the catalog has categories, search and JavaScript recommended; empty names are refused", async ({ page }) => {
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/sources/new`);
  await expect(page.getByTestId("catalog-entry")).toHaveCount(TYPES.length);
  await expect(page.getByTestId("catalog-entry").filter({ hasText: "JavaScript" })).toContainText("Recommended");
  // Incoming webhooks and Reverse ETL are listed so people find them, but cannot be created yet.
  await expect(page.getByTestId("planned-entry")).toHaveText([/Incoming webhook/, /Reverse ETL database/]);
  await expect(page.getByTestId("planned-entry").getByRole("button")).toHaveCount(0);
  await page.getByRole("tab", { name: "Mobile" }).click();
  await expect(page.getByTestId("catalog-entry")).toHaveCount(4);
  await page.getByRole("tab", { name: "All" }).click();
  await page.getByLabel("Search sources").fill("python");
  await expect(page.getByTestId("catalog-entry")).toHaveCount(1);
  await page.getByTestId("catalog-entry").click();
  await expect(page.getByText("Name the medium and the property")).toBeVisible();
  await page.getByRole("button", { name: "Create source" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Enter a name");
});

test("each source type shows install instructions with its write key filled in", async ({ page }) => {
  test.setTimeout(90_000);
  const workspaceId = await signInAsOwner(page);
  for (const type of TYPES) {
    const { writeKey } = await addSource(page, workspaceId, type.name, `${type.name} — e2e ${Date.now()}`);
    await expect(page.getByTestId("connection-status")).toContainText("Waiting for your first event");
    const snippets = page.getByTestId("snippet");
    await expect(snippets.first()).toBeVisible();
    await expect(snippets.filter({ hasText: writeKey }).first(), type.name).toBeVisible();
  }
  await page.goto(`/${workspaceId}/sources`);
  await expect(page.getByTestId("source-row").filter({ hasText: "Flutter — e2e" })).toContainText("Waiting");
});

test("send a test event, rotate the write key, pause the source, delete it", async ({ page }) => {
  const workspaceId = await signInAsOwner(page);
  const name = `Billing API ${Date.now()}`;
  const { writeKey } = await addSource(page, workspaceId, "HTTP API", name);
  // Server and HTTP sources can send a real test call through ingest from their page.
  await page.getByRole("button", { name: "Send a test event" }).click();
  await expect(page.getByTestId("connection-status")).toContainText("Connected — first event received");
  expect((await track(page, writeKey)).status()).toBe(200);

  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Rotate write key" }).click();
  await page.getByRole("dialog", { name: "Rotate the write key?" }).getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByTestId("settings-write-key")).not.toHaveText(writeKey);
  const newKey = (await page.getByTestId("settings-write-key").innerText()).trim();
  expect((await track(page, writeKey)).status()).toBe(401);
  expect((await track(page, newKey)).status()).toBe(200);
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(page.getByTestId("snippet").filter({ hasText: newKey }).first()).toBeVisible();
  await expect(page.getByTestId("snippet").filter({ hasText: writeKey })).toHaveCount(0);

  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Disable source" }).click();
  await expect(page.getByTestId("source-enabled-card")).toContainText("Disabled");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled");
  expect((await track(page, newKey)).status()).toBe(403);
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(page.getByTestId("connection-status")).toContainText("This source is disabled");
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Enable source" }).click();
  await expect(page.getByTestId("source-enabled-card")).toContainText("Enabled");
  expect((await track(page, newKey)).status()).toBe(200);

  await page.getByRole("button", { name: "Delete source" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${name}”?` });
  const confirm = dialog.getByRole("button", { name: "Delete source, keep events" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type").fill(name);
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources$`));
  await expect(page.getByTestId("source-row").filter({ hasText: name })).toHaveCount(0);
  expect((await track(page, newKey)).status()).toBe(401);
});

test("the JavaScript snippet, pasted into a page, flips the source to Connected live", async ({ page, context }) => {
  const workspaceId = await signInAsOwner(page);
  const name = `</script><script>alert(1) ${Date.now()}`;
  const { id } = await addSource(page, workspaceId, "JavaScript", name);
  const status = page.getByTestId("connection-status");
  await expect(status).toContainText("Waiting for your first event");

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByTestId("snippet").first().getByRole("button", { name: "Copy" }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toMatch(/^<script>[\s\S]*<\/script>$/);

  // A customer's page on another origin (a loopback server of the test's own: Chromium blocks pages on public
  // origins from reaching the loopback Sluice), with the snippet pasted into its <head>.
  const html = `<!doctype html><html><head><title>Shop</title>${snippet}</head><body><h1>Shop</h1></body></html>`;
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const shop = await context.newPage();
  const dialogs: string[] = [];
  shop.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await shop.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await expect(shop.getByRole("heading", { name: "Shop" })).toBeVisible();

    // The source page flips by itself (no reload), and the call is stored.
    await expect(status).toContainText("Connected — first event received", { timeout: 15_000 });
    await expect(status).toHaveAttribute("data-state", "connected");
    expect(dialogs).toEqual([]); // the hostile source name did not inject anything
    const list = await page.request.get(`/api/workspaces/${workspaceId}/sources`);
    const stored = (await list.json()).sources.find((s: { id: string }) => s.id === id);
    expect(stored.firstEventAt).not.toBeNull();
    expect(stored.health.accepted24h).toBeGreaterThanOrEqual(1);

    await page.goto(`/${workspaceId}/connections`);
    const row = page.getByTestId("connection-source").filter({ hasText: "alert(1)" });
    await expect(row.getByTestId("source-health")).toHaveAttribute("data-status", "receiving");
    await expect(row.getByTestId("source-health")).toHaveAttribute("title", /accepted in the last 24 h/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
