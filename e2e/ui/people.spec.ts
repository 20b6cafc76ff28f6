import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { TrackClient } from "customerio-node";
import { baseURL } from "../../playwright.config";
import { seedSource, sendCall } from "../fixtures/seed";
import { serveTestPages } from "../fixtures/test-page-server";

// The Journeys destination every new workspace has, fed through ingest, and the Track API on Sluice's host;
// the People and Objects pages show the result. Screenshots at phone and desktop widths go to SHOTS_DIR.

const SHOTS = process.env.SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a new workspace's Journeys destination builds people from ingest and the Track API; the pages show them", async ({
  page,
}) => {
  const { workspaceId, source } = await seedSource(page);
  const ws = `/api/workspaces/${workspaceId}`;
  const { destinations } = await (await page.request.get(`${ws}/destinations`)).json();
  const journeys = destinations.find((d: { slug: string }) => d.slug === "customerio");
  expect(journeys, "the Journeys destination of a new workspace").toMatchObject({ name: "Customer.io Journeys" });
  expect(
    (await page.request.patch(`${ws}/destinations/${journeys.id}`, { data: { sourceIds: [source.id] } })).status(),
  ).toBe(200);
  const test = await page.request.post(`${ws}/destinations/${journeys.id}/test-connection`, { data: {} });
  expect(await test.json()).toMatchObject({ ok: true });

  await sendCall(page, source.writeKey, "page", {
    anonymousId: "anon-e2e",
    name: "Pricing",
    properties: { url: "https://shop.example/pricing" },
  });
  await sendCall(page, source.writeKey, "identify", {
    userId: "ada",
    anonymousId: "anon-e2e",
    traits: { email: "ada@example.com", plan: "enterprise", name: "Ada Lovelace" },
  });
  await sendCall(page, source.writeKey, "track", {
    userId: "ada",
    event: "Order Completed",
    properties: { total: 120 },
  });
  await sendCall(page, source.writeKey, "group", {
    userId: "ada",
    groupId: "analytical-engines",
    traits: {
      objectAttributes: { name: "Analytical Engines Ltd", plan: "pro" },
      relationshipAttributes: { role: "founder" },
    },
  });

  // The Track API on this host, with a tracking key of the workspace, called by the real customerio-node client.
  const { trackingKeys } = await (await page.request.get(`${ws}/tracking-keys`)).json();
  const key = trackingKeys[0];
  const { apiKey } = await (await page.request.post(`${ws}/tracking-keys/${key.id}/reveal`)).json();
  const basic = `Basic ${Buffer.from(`${key.siteId}:${apiKey}`).toString("base64")}`;
  expect((await page.request.get("/auth", { headers: { authorization: basic } })).status()).toBe(200);
  const cio = new TrackClient(key.siteId, apiKey, { url: `${baseURL}/api/v1` });
  await cio.identify("grace", { email: "grace@example.com", plan: "team" });
  const bad = await page.request.put("/api/v1/customers/grace", {
    headers: { authorization: "Basic bm9wZTpub3Bl" },
    data: {},
  });
  expect(bad.status()).toBe(401);

  // The worker delivers in the background: wait until the store has both people and Ada's relationship.
  await expect
    .poll(async () => (await (await page.request.get(`${ws}/people`)).json()).total, { timeout: 20_000 })
    .toBe(2);
  await expect
    .poll(async () => (await (await page.request.get(`${ws}/objects`)).json()).objects.length, { timeout: 20_000 })
    .toBe(1);
  // Once the worker has written Ada (a device call racing its delivery on SQLite is another matter).
  const device = await page.request.put("/api/v1/customers/ada/devices", {
    headers: { authorization: basic },
    data: { device: { id: "ada-phone-token", platform: "ios", attributes: { app_version: "3.2.1", os: "iOS 18" } } },
  });
  expect(device.status()).toBe(200);
  await page.goto(`/${workspaceId}/people`);
  await expect(page.getByTestId("person-row")).toHaveCount(2);
  await expect(page.getByTestId("people-count")).toHaveText("2 people");
  await page.getByLabel("Search people").fill("enterprise");
  await expect(page.getByTestId("person-row")).toHaveCount(1);
  await expect(page.getByTestId("people-count")).toHaveText("1 of 2 match");
  await page.getByLabel("Search people").fill("");
  await expect(page.getByTestId("person-row")).toHaveCount(2);
  await shoot(page, "people-list");

  await page.getByRole("link", { name: "ada", exact: true }).click();
  await expect(page.getByRole("heading", { name: "ada" })).toBeVisible();
  await expect(page.getByTestId("activity").locator("li")).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId("activity")).toContainText("Order Completed");
  await expect(page.getByTestId("activity")).toContainText("https://shop.example/pricing");
  // Each came in through the seeded source and the Journeys destination: the timeline names the source.
  await expect(page.getByTestId("activity-source")).toHaveText([
    "from source Checkout server",
    "from source Checkout server",
  ]);
  await expect(page.getByTestId("device")).toContainText("ada-phone-token");
  await expect(page.getByTestId("device")).toContainText("ios · app 3.2.1");
  await expect(page.getByTestId("device")).toContainText("os:iOS 18");
  await expect(page.getByText("Analytical Engines Ltd")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("attribute-row").filter({ hasText: "plan" })).toContainText("enterprise");
  await shoot(page, "person");

  await page.getByRole("link", { name: "Analytical Engines Ltd" }).click();
  await expect(page.getByRole("heading", { name: "Analytical Engines Ltd" })).toBeVisible();
  await expect(page.getByText("role: founder")).toBeVisible();
  await shoot(page, "object");
  await page.goto(`/${workspaceId}/objects`);
  await expect(page.getByTestId("object-row")).toHaveCount(1);
  await shoot(page, "objects");

  await page.goto(`/${workspaceId}/people`);
  await page.getByRole("link", { name: "grace", exact: true }).click();
  await page.getByRole("button", { name: "Suppress" }).click();
  await page.getByRole("button", { name: "Suppress person" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/people$`));
  await expect(page.getByTestId("person-row")).toHaveCount(1);
  await cio.identify("grace", { plan: "back" });
  await page.reload();
  await expect(page.getByTestId("person-row")).toHaveCount(1); // suppressed: not re-created

  // A tracking key's own source is not offered to the Journeys destination (its calls are applied already).
  expect((await page.request.post(`${ws}/tracking-keys`, { data: { name: "Backend" } })).status()).toBe(201);
  await page.goto(`/${workspaceId}/destinations/${journeys.id}`);
  const card = page.getByTestId("connected-sources-card");
  await expect(card.getByLabel("Connect Checkout server")).toBeChecked();
  await expect(card.getByLabel("Connect Journeys API — Backend")).toBeDisabled();
  await expect(card).toContainText("Its Track API calls are in the people store already");
});

test("the anonymous merge window is set on the General settings page", async ({ page }) => {
  const { workspaceId } = await seedSource(page);
  await page.goto(`/${workspaceId}/settings/general`);
  const card = page.getByTestId("merge-window-card");
  const days = card.getByLabel("Hold anonymous activity for (days)");
  await expect(days).toHaveValue("30");
  await days.fill("400");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card).toContainText("Use at most 365 days");
  await days.fill("7");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toast")).toContainText("Merge window saved");
  await shoot(page, "settings-merge-window");
  const settings = await (await page.request.get(`/api/workspaces/${workspaceId}/settings`)).json();
  expect(settings).toMatchObject({ anonymousMergeWindow: 7 });
  await page.reload();
  await expect(days).toHaveValue("7");
});

test("a new source is offered the Journeys destination, ticked, and connected to it when created", async ({ page }) => {
  const { workspaceId, source: seeded } = await seedSource(page);
  const ws = `/api/workspaces/${workspaceId}`;
  await page.goto(`/${workspaceId}/sources/new`);
  await page.getByTestId("catalog-entry").filter({ hasText: "Node.js" }).first().click();
  await expect(page.getByTestId("connect-journeys")).toBeChecked();
  await shoot(page, "add-source-journeys");
  // A change to the destination's connections made while the page is open (it has the list cached) is kept.
  const { destinations } = await (await page.request.get(`${ws}/destinations`)).json();
  const journeysId = destinations.find((d: { slug: string }) => d.slug === "customerio").id as string;
  const patched = await page.request.patch(`${ws}/destinations/${journeysId}`, { data: { sourceIds: [seeded.id] } });
  expect(patched.status()).toBe(200);
  await page.getByLabel("Name").fill("Billing service");
  await page.getByRole("button", { name: "Create source" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources/(?!new$)[^/]+$`));
  const sourceId = new URL(page.url()).pathname.split("/").at(-1);
  // Connected by the create request itself: no second request to wait for.
  const after = await (await page.request.get(`${ws}/destinations/${journeysId}`)).json();
  expect([...after.sourceIds].sort()).toEqual([seeded.id, sourceId].sort());

  // Unticked: the next source is not connected (checked once a later, ticked one has been).
  const addNode = async (name: string, isTicked: boolean) => {
    await page.goto(`/${workspaceId}/sources/new`);
    await page.getByTestId("catalog-entry").filter({ hasText: "Node.js" }).first().click();
    if (!isTicked) await page.getByTestId("connect-journeys").uncheck();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create source" }).click();
    await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources/(?!new$)[^/]+$`));
    return new URL(page.url()).pathname.split("/").at(-1);
  };
  const journeysSources = async () => {
    const { destinations } = await (await page.request.get(`${ws}/destinations`)).json();
    return destinations.find((d: { slug: string }) => d.slug === "customerio").sourceIds as string[];
  };
  const unticked = await addNode("Batch jobs", false);
  const ticked = await addNode("Webhooks relay", true);
  expect(await journeysSources()).toContain(ticked);
  expect(await journeysSources()).not.toContain(unticked);
});

test("from a page with the JS snippet: anonymous page views, then identify → the views are on the person", async ({
  page,
  context,
}) => {
  const { workspaceId, source } = await seedSource(page, "javascript", "Shop");
  const ws = `/api/workspaces/${workspaceId}`;
  const { destinations } = await (await page.request.get(`${ws}/destinations`)).json();
  const journeys = destinations.find((d: { slug: string }) => d.slug === "customerio");
  expect(
    (await page.request.patch(`${ws}/destinations/${journeys.id}`, { data: { sourceIds: [source.id] } })).status(),
  ).toBe(200);

  const install = await page.request.get(`${ws}/sources/${source.id}/install`);
  const snippet = ((await install.json()) as { snippets: { language: string; code: string }[] }).snippets.find(
    (s) => s.language === "html",
  )!.code;
  const shop = await serveTestPages({
    "/shop": { body: `<!doctype html><title>Shop</title>${snippet}<h1>Shop</h1>` },
    "/pricing": { body: `<!doctype html><title>Pricing</title>${snippet}<h1>Pricing</h1>` },
  });
  try {
    // A visitor, not yet known: the snippet's own page() on each page (each seen stored before moving on).
    const visitor = await context.newPage();
    const pageViews = async () => (await (await page.request.get(`${ws}/events?type=page`)).json()).events.length;
    await visitor.goto(`${shop.origin}/shop`);
    await expect.poll(pageViews, { timeout: 20_000 }).toBe(1);
    await visitor.goto(`${shop.origin}/pricing`);
    await expect.poll(pageViews, { timeout: 20_000 }).toBe(2);
    // …who signs up on the page: identify with the same anonymousId.
    await visitor.evaluate(() =>
      (window as unknown as { cioanalytics: { identify: (id: string, t: object) => void } }).cioanalytics.identify(
        "grace-snippet",
        { email: "grace.snippet@example.com" },
      ),
    );
    await expect
      .poll(async () => (await (await page.request.get(`${ws}/people?search=grace-snippet`)).json()).people.length, {
        timeout: 20_000,
      })
      .toBe(1);
    await page.goto(`/${workspaceId}/people`);
    await page.getByRole("link", { name: "grace-snippet", exact: true }).click();
    const activity = page.getByTestId("activity");
    await expect(activity.locator("li")).toHaveCount(2, { timeout: 20_000 });
    await expect(activity).toContainText("/shop");
    await expect(activity).toContainText("/pricing");
    await visitor.close();
  } finally {
    await shop.close();
  }
});
