import { Analytics } from "@segment/analytics-node";
import { expect, test, type Page, type Request } from "@playwright/test";
import { seedSource, sendCall, type SeededSource } from "../fixtures/seed";
import { startCuttableProxy, type CuttableProxy } from "../fixtures/cuttable-proxy";
import { serveTestPages, type TestPageServer } from "../fixtures/test-page-server";

// A source's Data In tab in Chromium, live, fed by real client libraries: @segment/analytics-node (Node.js source)
// and the JavaScript source's own install snippet on a customer page in a second tab.
//
// The last test cuts the Data In tab's live connection and checks that nothing falls in the gap. The tab is opened
// through a TCP proxy (fixtures/cuttable-proxy.ts) that then resets every connection, the open EventSource's
// included, and refuses new ones; Chromium's offline emulation would not do (context.setOffline leaves an open
// EventSource streaming: calls sent after it still showed up). While cut, the test sends calls straight to Sluice
// over Playwright's APIRequestContext. Once the proxy lets connections through again, EventSource reconnects with
// Last-Event-ID and only the server's replay can bring those calls: the test checks that the old stream failed,
// that the reconnect carried Last-Event-ID, that the history was not reloaded, and that every call shows once.

const rows = (page: Page) => page.getByTestId("event-row");
/** The rows whose cell reads exactly `text` (an event name or a call type). */
const rowsWith = (page: Page, text: string) =>
  rows(page).filter({ has: page.getByRole("cell", { name: text, exact: true }) });

/** Opens the source's Data In tab from its page (at `origin`) and waits until the feed is live and still empty. */
async function openDataIn(page: Page, workspaceId: string, source: SeededSource, origin = "") {
  await page.goto(`${origin}/${workspaceId}/sources/${source.id}`);
  await page.getByRole("tab", { name: "Data In" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources/${source.id}/data-in$`));
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  await expect(page.getByTestId("empty-state")).toContainText("No calls from this source yet");
}

/** Clicks the one row reading `text` and returns its pretty (analytics.js code) form. */
async function openPretty(page: Page, text: string) {
  await rowsWith(page, text).click();
  return page.getByTestId("event-pretty");
}

test("a Node.js source's calls from @segment/analytics-node appear live in Data In", async ({ page, baseURL }) => {
  const { workspaceId, source } = await seedSource(page, "nodejs", "Checkout server");
  await openDataIn(page, workspaceId, source);

  const analytics = new Analytics({ writeKey: source.writeKey, host: baseURL, flushAt: 2, flushInterval: 50 });
  const errors: unknown[] = [];
  analytics.on("error", (err) => errors.push(err));
  analytics.identify({ userId: "user-1", traits: { email: "ada@example.test", plan: "pro" } });
  analytics.track({ userId: "user-1", event: "Order Completed", properties: { total: 42 } });
  await analytics.closeAndFlush();
  expect(errors).toEqual([]);

  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText("Order Completed");
  await expect(rowsWith(page, "Identify")).toContainText("user-1");
  const track = await openPretty(page, "Order Completed");
  await expect(track).toContainText('analytics.track("Order Completed", {');
  await expect(track).toContainText("total: 42");
  const identify = await openPretty(page, "Identify");
  await expect(identify).toContainText('analytics.identify("user-1", {');
  await expect(identify).toContainText('plan: "pro"');
});

test.describe("a JavaScript source", () => {
  let shopServer: TestPageServer | undefined;
  test.afterEach(async () => {
    await shopServer?.close();
    shopServer = undefined;
  });

  test("its install snippet on a customer page shows page, identify and track live in Data In", async ({
    page,
    context,
  }) => {
    const { workspaceId, source } = await seedSource(page, "javascript", "Shop");
    await openDataIn(page, workspaceId, source);

    const install = await page.request.get(`/api/workspaces/${workspaceId}/sources/${source.id}/install`);
    expect(install.ok()).toBe(true);
    const snippet = ((await install.json()) as { snippets: { language: string; code: string }[] }).snippets.find(
      (s) => s.language === "html",
    )!.code;
    // The snippet records the page view; the page then identifies and tracks through the same stub.
    const html = `<!doctype html><html><head><title>Shop</title>${snippet}
<script>(function (analytics) {
analytics.identify("user-1", { email: "ada@example.test" });
analytics.track("Order Completed", { total: 42 });
})(window.cioanalytics);</script></head><body><h1>Shop</h1></body></html>`;
    shopServer = await serveTestPages({ "/shop": { body: html } });
    const shop = await context.newPage();
    await shop.goto(`${shopServer.origin}/shop`);

    await expect(rows(page)).toHaveCount(3);
    for (const type of ["page", "identify", "track"]) await expect(rowsWith(page, type)).toHaveCount(1);
    const pageCall = await openPretty(page, "page");
    await expect(pageCall).toContainText("analytics.page(");
    await expect(pageCall).toContainText('title: "Shop"');
    await expect(pageCall).toContainText(`url: "${shopServer.origin}/shop"`);
    const track = await openPretty(page, "Order Completed");
    await expect(track).toContainText('analytics.track("Order Completed", {');
    await expect(track).toContainText("total: 42");
  });
});

test.describe("the live connection", () => {
  let proxy: CuttableProxy | undefined;
  test.afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  test("calls sent while it is cut appear exactly once after it reconnects", async ({ page, baseURL }) => {
    const { workspaceId, source } = await seedSource(page, "nodejs", "Checkout server");
    proxy = await startCuttableProxy(baseURL!);
    const streams: Request[] = [];
    const historyLoads: Request[] = [];
    page.on("request", (r) => {
      const { pathname } = new URL(r.url());
      if (pathname === `/api/workspaces/${workspaceId}/events/stream`) streams.push(r);
      else if (pathname === `/api/workspaces/${workspaceId}/events`) historyLoads.push(r);
    });
    // Straight to Sluice at baseURL, never through the proxy.
    const send = async (event: string) =>
      expect(await sendCall(page, source.writeKey, "track", { userId: "user-1", event }), event).toBe(200);

    await openDataIn(page, workspaceId, source, proxy.origin);
    await send("Before Cut");
    await expect(rows(page)).toHaveCount(1);
    const lastSeenId = await rowsWith(page, "Before Cut").getAttribute("data-event-id");
    const cutStream = streams.at(-1)!;

    proxy.cut();
    await expect(page.getByTestId("feed-state")).not.toContainText("Live");
    await expect.poll(() => cutStream.failure()?.errorText).toBe("net::ERR_CONNECTION_RESET");
    const missed = ["Missed 1", "Missed 2", "Missed 3", "Missed 4", "Missed 5"];
    for (const event of missed) await send(event);
    await expect(rows(page)).toHaveCount(1);

    proxy.restore();
    await expect(page.getByTestId("feed-state")).toContainText("Live");
    await expect(rows(page)).toHaveCount(1 + missed.length);
    for (const event of ["Before Cut", ...missed]) await expect(rowsWith(page, event)).toHaveCount(1);
    // They came over the resumed stream, not from a reload of the history.
    expect(await streams.at(-1)!.headerValue("last-event-id")).toBe(lastSeenId);
    expect(historyLoads).toHaveLength(1);
    // A later live call lands on top: no late duplicate from the replay arrived before it.
    await send("After Reconnect");
    await expect(rows(page)).toHaveCount(2 + missed.length);
    await expect(rows(page).first()).toContainText("After Reconnect");
  });
});
