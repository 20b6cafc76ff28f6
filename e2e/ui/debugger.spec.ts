import { expect, test, type Page } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

/** A fresh workspace with one Node.js source, so this test sees only its own calls. */
async function seedWorkspace(page: Page) {
  await signInAsOwner(page);
  const ws = await page.request.post("/api/workspaces", { data: { name: `Debugger ${Date.now()}` } });
  expect(ws.status()).toBe(201);
  const workspaceId = (await ws.json()).id as string;
  const src = await page.request.post(`/api/workspaces/${workspaceId}/sources`, {
    data: { type: "nodejs", name: "Checkout server" },
  });
  expect(src.status()).toBe(201);
  return { workspaceId, writeKey: (await src.json()).writeKey as string };
}

/** Sends one call to the ingest API with the source's write key, as a server SDK would. */
async function send(page: Page, writeKey: string, type: string, body: object) {
  const res = await page.request.post(`/v1/${type}`, {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "x-strict-mode": "1" },
    data: body,
  });
  return res.status();
}

const rows = (page: Page) => page.getByTestId("event-row");

test("calls appear live, open as code and raw JSON, and rejected calls say why", async ({ page }) => {
  const { workspaceId, writeKey } = await seedWorkspace(page);
  expect(await send(page, writeKey, "track", { userId: "u-history", event: "From History" })).toBe(200);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("feed-state")).toContainText("Live");

  expect(
    await send(page, writeKey, "track", { userId: "u1", event: "Order Completed", properties: { total: 42 } }),
  ).toBe(200);
  await expect(rows(page)).toHaveCount(2);
  const newest = rows(page).first();
  await expect(newest).toContainText("Order Completed");
  await expect(newest).toContainText("Checkout server");
  await expect(newest).toContainText("Accepted");
  await newest.click();
  await expect(page.getByTestId("event-pretty")).toContainText('analytics.track("Order Completed", {');
  await expect(page.getByTestId("event-pretty")).toContainText("total: 42");
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  await expect(page.getByTestId("event-raw")).toContainText('"event": "Order Completed"');
  await expect(page.getByTestId("event-detail")).toContainText("Received at");

  expect(await send(page, writeKey, "track", { event: "No Identity" })).toBe(400);
  const rejected = rows(page).filter({ hasText: "Rejected" });
  await expect(rejected).toHaveCount(1);
  await rejected.click();
  await expect(page.getByTestId("event-detail").getByRole("alert")).toContainText("Sluice rejected this call");
  await expect(page.getByTestId("rejection-advice")).toContainText("who it is about");
});

test("a source's Data In tab shows only that source's calls, live", async ({ page }) => {
  const { workspaceId, writeKey } = await seedWorkspace(page);
  const other = await page.request.post(`/api/workspaces/${workspaceId}/sources`, {
    data: { type: "http", name: "Other" },
  });
  const otherKey = (await other.json()).writeKey as string;
  const sources = (await (await page.request.get(`/api/workspaces/${workspaceId}/sources`)).json()).sources as {
    id: string;
    name: string;
  }[];
  const checkout = sources.find((s) => s.name === "Checkout server")!;

  await page.goto(`/${workspaceId}/sources/${checkout.id}`);
  await page.getByRole("tab", { name: "Data In" }).click();
  await expect(page).toHaveURL(new RegExp(`/sources/${checkout.id}/data-in$`));
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  // Nothing yet: the install snippet, with this source's write key, where the first call will appear.
  await expect(page.getByTestId("empty-state")).toContainText("No calls from this source yet");
  await expect(page.getByTestId("empty-state").locator("pre")).toContainText(writeKey);
  expect(await send(page, otherKey, "track", { userId: "u", event: "Elsewhere" })).toBe(200);
  expect(await send(page, writeKey, "track", { userId: "u", event: "Mine" })).toBe(200);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Mine");
});

test("pause holds new calls behind a counter and resume shows them", async ({ page }) => {
  const { workspaceId, writeKey } = await seedWorkspace(page);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(page.getByTestId("empty-state")).toContainText("No events yet");
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  expect(await send(page, writeKey, "identify", { userId: "u1", traits: { plan: "pro" } })).toBe(200);
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole("button", { name: "Pause" }).click();
  for (let i = 0; i < 3; i++)
    expect(await send(page, writeKey, "track", { userId: "u1", event: `Paused ${i}` })).toBe(200);
  await expect(page.getByTestId("new-count")).toHaveText("3 new");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("button", { name: /Resume · 3 new/ }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).first()).toContainText("Paused 2");
  await expect(page.getByTestId("new-count")).toHaveCount(0);
});

test("filters by type and by text, in history and live", async ({ page }) => {
  const { workspaceId, writeKey } = await seedWorkspace(page);
  expect(await send(page, writeKey, "identify", { userId: "u1", traits: { email: "ada@example.com" } })).toBe(200);
  expect(await send(page, writeKey, "track", { userId: "u1", event: "Signed Up" })).toBe(200);
  expect(await send(page, writeKey, "page", { userId: "u1", name: "Pricing" })).toBe(200);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(3);

  await page.getByLabel("Type").selectOption("track");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Signed Up");
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  expect(await send(page, writeKey, "identify", { userId: "u2" })).toBe(200);
  expect(await send(page, writeKey, "track", { userId: "u2", event: "Trial Started" })).toBe(200);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText("Trial Started");

  await page.getByLabel("Type").selectOption("");
  await page.getByLabel("Search payloads").fill("ADA@example");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Identify");
});
