import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { failMarkedOrders, startReceiver } from "../fixtures/delivery";
import { seedSource } from "../fixtures/seed";

// The charts and the Connections words after a scripted load through the real pipeline: N tracks delivered, M
// refused by the receiver (400), K identify calls filtered by the trigger. The destination's and the source's
// overviews show those counts and draw their charts; Connections says each node's last 24 h in words and each
// line's delivered count, with details on hover, keyboard focus and tap. Screenshots at 390 and 1280 px land in
// test-results/metrics/ to be looked at.

const N = 9;
const M = 3;
const K = 4;
const shots = "test-results/metrics";

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300); // the charts re-measure their box
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the charts show the load's counts, and Connections says them in words", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver(failMarkedOrders);
  const { workspaceId, source } = await seedSource(page, "nodejs", "Checkout server");
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Orders hook", settings: {}, sourceIds: [source.id] },
  });
  const destinationId = (await dest.json()).id as string;
  await page.request.post(`/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
    data: {
      actionKey: "send",
      name: "Orders",
      trigger: 'type = "track"',
      mapping: { url: receiver.url, method: "POST", data: { "@path": "$." } },
    },
  });
  const batch = [
    ...Array.from({ length: N }, (_, i) => ({ type: "track", event: "Order Completed", userId: `u${i}` })),
    ...Array.from({ length: M }, (_, i) => ({
      type: "track",
      event: "Order Refunded",
      userId: `f${i}`,
      properties: { fail: true },
    })),
    ...Array.from({ length: K }, (_, i) => ({ type: "identify", userId: `i${i}` })),
  ];
  const ingest = await page.request.post("/v1/batch", {
    headers: { authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}` },
    data: { batch },
  });
  expect(ingest.status()).toBe(200);
  const metrics = (q: string) => page.request.get(`/api/workspaces/${workspaceId}/metrics?${q}`).then((r) => r.json());
  await expect
    .poll(async () => (await metrics(`scope=destination&id=${destinationId}&range=24h`)).totals, { timeout: 30_000 })
    .toMatchObject({ delivered: N, failed: M, filtered: K });
  await expect
    .poll(async () => (await metrics(`scope=source&id=${source.id}&range=24h`)).totals.received, { timeout: 30_000 })
    .toBe(N + M + K);
  await receiver.close();

  // The destination's overview: the counts, the stacked bars, p50/p95, the top error.
  await page.goto(`/${workspaceId}/destinations/${destinationId}`);
  const card = page.getByTestId("destination-metrics");
  await expect(card.getByTestId("metric-delivered")).toHaveText(String(N));
  await expect(card.getByTestId("metric-failed")).toHaveText(String(M));
  await expect(card.getByTestId("metric-filtered")).toHaveText(String(K));
  await expect(card.getByTestId("metric-p50")).toHaveText(/\d+(\.\d)? (ms|s)/);
  await expect(card.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(card.locator(".recharts-line-dots circle").first()).toBeVisible(); // p50/p95 at the loaded point
  await expect(card.getByTestId("metric-top-errors")).toContainText("400");
  await expect(card.getByTestId("metric-top-errors")).toContainText(String(M));
  await card.getByRole("button", { name: "7 d" }).click();
  await expect(card.getByRole("button", { name: "7 d" })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("metric-delivered")).toHaveText(String(N));
  await card.getByRole("button", { name: "1 h" }).click();
  await expect(card.getByTestId("metric-failed")).toHaveText(String(M));
  await screenshot(page, "destination-overview");

  // The source's overview: received, by type, top events.
  await page.goto(`/${workspaceId}/sources/${source.id}`);
  const src = page.getByTestId("source-metrics");
  await expect(src.getByTestId("metric-received")).toHaveText(String(N + M + K));
  await expect(src.getByTestId("metric-rejected")).toHaveText("0");
  await expect(src.getByTestId("metric-source-delivered")).toHaveText(String(N));
  await expect(src.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(src.getByTestId("metric-by-type")).toContainText("track");
  await expect(src.getByTestId("metric-top-events").locator("li").first()).toContainText("Order Completed");
  await expect(src.getByTestId("metric-top-events").locator("li").first()).toContainText(String(N));
  await screenshot(page, "source-overview");

  // Connections: words on each node and line; details on hover and on keyboard focus.
  await page.goto(`/${workspaceId}/connections`);
  await expect(page.getByTestId("source-volume")).toHaveText(`${N + M + K} calls in 24 h · 0% rejected`);
  const failedPct = `${((100 * M) / (N + M)).toFixed(0)}%`;
  // (The workspace's built-in Journeys destination has a node of its own, with nothing delivered.)
  const ordersVolume = page.getByRole("button", { name: /^Orders hook:/ });
  await expect(ordersVolume).toHaveText(`${N} delivered in 24 h · ${failedPct} failed`);
  const line = page.getByTestId("connection-count");
  await expect(line).toContainText(`${N} delivered`);
  await expect(line).toContainText(`${M} failed`);
  await line.hover();
  await expect(page.getByTestId("connection-count-details")).toContainText(`Checkout server → Orders hook`);
  await expect(page.getByTestId("connection-count-details")).toContainText(`Failed${M}`);
  await page.screenshot({ path: `${shots}/connections-hover-1280.png` });
  await page.mouse.move(0, 0);
  await expect(page.getByTestId("connection-count-details")).toBeHidden();
  await ordersVolume.focus();
  await expect(page.getByTestId("destination-volume-details")).toContainText(`Filtered${K}`);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("destination-volume-details")).toBeHidden();
  await screenshot(page, "connections");

  // A phone: the lines give way to chips that carry the count; a tap opens the details, a second tap closes them.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    storageState: await page.context().storageState(),
    baseURL: test.info().project.use.baseURL,
  });
  const touch = await phone.newPage();
  await touch.goto(`/${workspaceId}/connections`);
  await expect(touch.getByTestId("connected-to").first()).toContainText(`Orders hook · ${N} delivered`);
  await touch.getByTestId("source-volume").tap();
  await expect(touch.getByTestId("source-volume-details")).toContainText(`Calls received${N + M + K}`);
  await touch.screenshot({ path: `${shots}/connections-tap-390.png` });
  await touch.getByTestId("source-volume").tap();
  await expect(touch.getByTestId("source-volume-details")).toBeHidden();
  await phone.close();
});
