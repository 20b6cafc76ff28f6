import fs from "node:fs";
import { Analytics } from "@segment/analytics-node";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { startReceiver, type ReceiverAnswer } from "../fixtures/delivery";
import { seedSource } from "../fixtures/seed";
import { serveTestPages, type TestPageServer } from "../fixtures/test-page-server";

// Each call's journey in a source's Data In, live, fed by @segment/analytics-node and by the JavaScript
// source's install snippet on a customer page: one action delivers it (its request and response on show), one
// does not take it (and says why). The receiver then fails: the line turns retrying, then failed, as it
// happens. Fixed again, Retry in the destination's Data Out delivers it.

const SHOTS = process.env.E2E_SHOTS_DIR;

type Mode = "ok" | "unavailable" | "bad request";

const ANSWERS: Record<Mode, ReceiverAnswer> = {
  ok: { status: 200, body: '{"received":true}' },
  unavailable: { status: 503, body: "down for maintenance", contentType: "text/plain" },
  "bad request": { status: 400, body: '{"error":"bad order"}' },
};

/** A receiver whose answer the test switches (ok, unavailable, bad request); it records "<mode> <body>". */
async function startSwitchableReceiver() {
  let mode: Mode = "ok";
  const hits: string[] = [];
  const receiver = await startReceiver((body) => {
    hits.push(`${mode} ${body}`);
    return ANSWERS[mode];
  });
  return { ...receiver, hits, setMode: (m: Mode) => void (mode = m) };
}

const rows = (page: Page) => page.getByTestId("event-row");
const line = (page: Page, action: string) => page.getByTestId("journey-line").filter({ hasText: `Hook · ${action}` });

async function shoot(page: Page, name: string, target?: Locator) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await (target ?? page).screenshot({ path: `${SHOTS}/${name}-${width}.png`, ...(target ? {} : { fullPage: true }) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

let receiver: Awaited<ReturnType<typeof startSwitchableReceiver>> | undefined;
let shop: TestPageServer | undefined;
test.afterEach(async () => {
  await receiver?.close();
  await shop?.close();
  receiver = shop = undefined;
});

test("a call's journey shows live in Data In; a failing receiver turns it retrying then failed; Retry in Data Out delivers it", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  receiver = await startSwitchableReceiver();
  const { workspaceId, source } = await seedSource(page, "javascript", "Shop");
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Hook", settings: {}, sourceIds: [source.id] },
  });
  expect(dest.status()).toBe(201);
  const destinationId = (await dest.json()).id as string;
  for (const [name, trigger] of [
    ["Orders", 'type = "track" and event = "Order Completed"'],
    ["Signups", 'type = "track" and event = "Signed Up"'],
  ]) {
    const res = await page.request.post(`/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
      data: {
        actionKey: "send",
        name,
        trigger,
        mapping: { url: receiver.url, method: "POST", data: { order: { "@path": "$.properties" } } },
      },
    });
    expect(res.status()).toBe(201);
  }

  await page.goto(`/${workspaceId}/sources/${source.id}/data-in`);
  await expect(page.getByTestId("feed-state")).toContainText("Live");

  // From a customer page with the install snippet: a page view named by its path, printed as cioanalytics.page.
  const install = await page.request.get(`/api/workspaces/${workspaceId}/sources/${source.id}/install`);
  const snippet = ((await install.json()) as { snippets: { language: string; code: string }[] }).snippets.find(
    (s) => s.language === "html",
  )!.code;
  shop = await serveTestPages({ "/shop": { body: `<!doctype html><title>Shop</title>${snippet}<h1>Shop</h1>` } });
  const customer = await context.newPage();
  await customer.goto(`${shop.origin}/shop`);
  const pageRow = rows(page).filter({ hasText: "/shop" });
  await expect(pageRow).toHaveCount(1);
  await pageRow.click();
  await expect(page.getByTestId("event-pretty")).toContainText("cioanalytics.page({");
  await expect(page.getByTestId("event-pretty")).not.toContainText("undefined");
  await expect(line(page, "Orders")).toHaveAttribute("data-status", "filtered");
  await customer.close();

  // From a server with @segment/analytics-node.
  const analytics = new Analytics({ writeKey: source.writeKey, host: baseURL, flushAt: 1, flushInterval: 50 });
  analytics.track({ userId: "user-1", event: "Order Completed", properties: { total: 42 } });
  await analytics.closeAndFlush();
  const orderRow = rows(page).filter({ hasText: "Order Completed" });
  await expect(orderRow).toHaveCount(1);
  await orderRow.click();
  await expect(line(page, "Orders")).toHaveAttribute("data-status", "delivered");
  await expect(line(page, "Orders")).toContainText("HTTP 200");
  await expect(line(page, "Signups")).toHaveAttribute("data-status", "filtered");
  await expect(line(page, "Signups")).toContainText(
    'The trigger type = "track" and event = "Signed Up" does not match',
  );
  await expect(orderRow.getByTestId("journey-summary")).toHaveText("1 delivered · 1 filtered");
  await line(page, "Orders").getByRole("button").first().click();
  await expect(page.getByTestId("mapped-payload")).toContainText('"total": 42');
  await expect(page.getByTestId("attempt-request")).toContainText(receiver.url.replace("/hook", ""));
  await expect(page.getByTestId("attempt-response")).toContainText('"received": true');
  await shoot(page, "journey", page.getByTestId("event-detail"));
  await shoot(page, "data-in");

  // The receiver goes down: the next order's line turns retrying, then (answering 400 on the retry) failed, live.
  receiver.setMode("unavailable");
  const failing = new Analytics({ writeKey: source.writeKey, host: baseURL, flushAt: 1, flushInterval: 50 });
  failing.track({ userId: "user-2", event: "Order Completed", properties: { total: 7 } });
  await failing.closeAndFlush();
  const secondRow = rows(page).filter({ hasText: "user-2" });
  await expect(secondRow).toHaveCount(1);
  await secondRow.click();
  await expect(line(page, "Orders")).toHaveAttribute("data-status", "retrying", { timeout: 20_000 });
  await expect(line(page, "Orders")).toContainText("Attempt 1 failed");
  await expect(line(page, "Orders")).toContainText("next attempt");
  receiver.setMode("bad request");
  await expect(line(page, "Orders")).toHaveAttribute("data-status", "failed", { timeout: 40_000 });
  await expect(secondRow.getByTestId("journey-summary")).toContainText("1 failed");

  // The destination's chart counts what happened so far.
  await page.goto(`/${workspaceId}/destinations/${destinationId}`);
  const chart = page.getByTestId("destination-metrics");
  await expect(chart.getByTestId("metric-delivered")).toHaveText("1");
  await expect(chart.getByTestId("metric-failed")).toHaveText("1");

  // Fixed: Retry in Data Out delivers it, live.
  receiver.setMode("ok");
  await page.goto(`/${workspaceId}/destinations/${destinationId}/data-out`);
  const failedRow = page.getByTestId("delivery-row").filter({ hasText: "user-2" });
  await expect(failedRow).toHaveAttribute("data-status", "failed");
  await page.getByLabel("Status").selectOption("failed");
  await expect(page.getByTestId("delivery-row")).toHaveCount(1);
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Search deliveries").fill("user-2");
  await expect(page.getByTestId("delivery-row")).toHaveCount(1);
  await failedRow.getByRole("button", { name: /Order Completed/ }).click();
  await expect(failedRow.getByTestId("delivery-attempt")).toHaveCount(2);
  await shoot(page, "data-out");
  await failedRow.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(failedRow).toHaveAttribute("data-status", "delivered", { timeout: 30_000 });
  await expect(failedRow.getByTestId("delivery-attempt")).toHaveCount(3);
  expect(receiver.hits.filter((h) => h.startsWith("ok ")).length).toBe(2);

  // …and the chart's count of deliveries went up (the failed attempt stays counted as what it was).
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(chart.getByTestId("metric-delivered")).toHaveText("2");
});
