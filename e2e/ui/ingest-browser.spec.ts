import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { readSourceEvents, type StoredEvent } from "../fixtures/events-db";
import { signInAsOwner } from "../fixtures/sign-in";
import { serveTestPages, type TestPageServer } from "../fixtures/test-page-server";

// The browser libraries, in Chromium, against the running Sluice: the Customer.io snippet Sluice shows users
// (loading analytics.min.js from Sluice) and stock @segment/analytics-next (self-hosted standalone build with
// `analytics._cdn` pointing at Sluice, Basic auth → CORS preflight). Each page sends page + identify + track;
// the test reads what Sluice stored from the e2e database.

const EMAIL = "user-1@example.test";
const CALLS = `analytics.identify("user-1", { email: ${JSON.stringify(EMAIL)} });
analytics.track("Order Completed", { total: 42 });`;

type Source = { id: string; writeKey: string };
type BrowserCall = {
  type: string;
  anonymousId: string;
  messageId: string;
  receivedAt: string;
  originalTimestamp?: unknown;
  writeKey?: unknown;
  context: { page: Record<string, unknown>; userAgent: string; library: { version: string } };
};

async function createJavaScriptSource(page: Page, workspaceId: string, name: string): Promise<Source> {
  const res = await page.request.post(`/api/workspaces/${workspaceId}/sources`, {
    data: { type: "javascript", name, connectJourneys: false },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Source;
}

/** Every URL the page requests (to prove nothing leaves for a vendor's host), and the browser's CORS preflights. */
async function watchNetwork(page: Page) {
  const requests: Request[] = [];
  const preflights: { url: string; status?: number }[] = [];
  page.on("request", (r) => requests.push(r));
  // Preflights are not reported as Playwright requests; the DevTools protocol shows them.
  // Nothing is intercepted (a page.route would make Playwright answer preflights itself).
  const cdp = await page.context().newCDPSession(page);
  const ids = new Map<string, { url: string; status?: number }>();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.method !== "OPTIONS") return;
    const entry = { url: e.request.url };
    ids.set(e.requestId, entry);
    preflights.push(entry);
  });
  cdp.on("Network.responseReceived", (e) => {
    const entry = ids.get(e.requestId);
    if (entry) entry.status = e.response.status;
  });
  await cdp.send("Network.enable");
  // Belt and braces: a misconfigured library must not send the test's calls to the vendors' real hosts.
  await cdp.send("Network.setBlockedURLs", {
    urls: ["*://*.segment.io/*", "*://*.segment.com/*", "*://*.customer.io/*"],
  });
  return { requests, preflights };
}

const CALL_PATH = /\/v1\/[pit]$/;

/** URLs requested from anywhere but Sluice and the test's own page server. */
function elsewhere(requests: Request[], ...origins: string[]) {
  return requests.map((r) => r.url()).filter((u) => !origins.some((o) => u.startsWith(`${o}/`)));
}

/** Waits for the three calls to be stored, then checks them as the browser sent them plus Sluice's enrichment. */
async function expectStoredCalls(
  baseURL: string,
  source: Source,
  expected: { url: string; path: string; userAgent: string; library: RegExp },
) {
  let events: StoredEvent[] = [];
  await expect
    .poll(() => (events = readSourceEvents(baseURL, source.id)).map((e) => `${e.type}:${e.status}`).sort(), {
      message: "page, identify and track are stored as accepted",
      timeout: 20_000,
    })
    .toEqual(["identify:accepted", "page:accepted", "track:accepted"]);

  const byType = Object.fromEntries(events.map((e) => [e.type, e])) as Record<string, StoredEvent>;
  const anonymousId = byType.page!.anonymousId;
  expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
  for (const event of events) {
    const p = event.payload as unknown as BrowserCall;
    expect(event.anonymousId, event.type).toBe(anonymousId);
    expect(p.anonymousId, event.type).toBe(anonymousId);
    expect(p.type, event.type).toBe(event.type);
    expect(p.context.page, event.type).toMatchObject({ url: expected.url, path: expected.path, title: "Shop" });
    expect(p.context.userAgent, event.type).toBe(expected.userAgent);
    expect(p.context.library.version, event.type).toMatch(expected.library);
    // Enrichment: receivedAt from Sluice's clock, the client's messageId kept, the write key not stored.
    expect(Date.now() - Date.parse(p.receivedAt), event.type).toBeLessThan(120_000);
    expect(p.messageId, event.type).toMatch(/^ajs-next-/);
    expect(typeof p.originalTimestamp, event.type).toBe("string");
    expect(p.writeKey, event.type).toBeUndefined();
  }
  expect(byType.identify).toMatchObject({ userId: "user-1", payload: { traits: { email: EMAIL } } });
  expect(byType.track).toMatchObject({
    name: "Order Completed",
    userId: "user-1",
    payload: { event: "Order Completed", properties: { total: 42 } },
  });
}

test.describe("browser libraries deliver to Sluice", () => {
  let pages: TestPageServer | undefined;
  test.afterEach(async () => {
    await pages?.close();
    pages = undefined;
  });

  test("the JavaScript source's snippet: analytics.min.js from Sluice sends page, identify and track", async ({
    page,
    context,
    baseURL,
  }) => {
    const workspaceId = await signInAsOwner(page);
    const source = await createJavaScriptSource(page, workspaceId, `Shop snippet ${Date.now()}`);
    const install = await page.request.get(`/api/workspaces/${workspaceId}/sources/${source.id}/install`);
    expect(install.ok()).toBe(true);
    const snippet = ((await install.json()) as { snippets: { language: string; code: string }[] }).snippets.find(
      (s) => s.language === "html",
    )!.code;
    expect(snippet).toContain(`t.src=${JSON.stringify(baseURL)}+"/v1/analytics-js/snippet/"+key+"/analytics.min.js"`);

    // The snippet records the page view; the page then identifies and tracks through the same stub.
    const html = `<!doctype html><html><head><title>Shop</title>${snippet}
<script>(function (analytics) {
${CALLS}
})(window.cioanalytics);</script></head><body><h1>Shop</h1></body></html>`;
    pages = await serveTestPages({ "/shop": { body: html } });

    const shop = await context.newPage();
    const net = await watchNetwork(shop);
    const loader = shop.waitForResponse(`${baseURL}/v1/analytics-js/snippet/${source.writeKey}/analytics.min.js`);
    const settings = shop.waitForResponse(`${baseURL}/v1/projects/${source.writeKey}/settings`);
    await shop.goto(`${pages.origin}/shop?utm_source=e2e`);
    expect((await loader).status()).toBe(200);
    expect((await settings).status()).toBe(200);

    await expectStoredCalls(baseURL!, source, {
      url: `${pages.origin}/shop?utm_source=e2e`,
      path: "/shop",
      userAgent: await shop.evaluate(() => navigator.userAgent),
      library: /^next-0\./,
    });
    // The Customer.io build posts the calls (no Authorization header, so no preflight) to Sluice's short paths.
    const calls = net.requests.filter((r) => CALL_PATH.test(r.url()));
    expect(calls.map((r) => r.url()).sort()).toEqual([`${baseURL}/v1/i`, `${baseURL}/v1/p`, `${baseURL}/v1/t`]);
    for (const call of calls) expect(await call.headerValue("authorization")).toBeNull();
    expect(net.preflights).toEqual([]);
    expect(elsewhere(net.requests, baseURL!, pages.origin)).toEqual([]);
  });

  test("@segment/analytics-next with analytics._cdn set sends page, identify and track with Basic auth", async ({
    page,
    context,
    baseURL,
  }) => {
    const workspaceId = await signInAsOwner(page);
    const source = await createJavaScriptSource(page, workspaceId, `Shop analytics-next ${Date.now()}`);

    // Segment's own snippet (SNIPPET_VERSION 5.2.0 shape) loading a self-hosted copy of the standalone build;
    // `_cdn` makes it fetch its settings from Sluice, whose apiHost then receives the calls.
    const standalone = fs.readFileSync(
      path.join(process.cwd(), "node_modules/@segment/analytics-next/dist/umd/standalone.js"),
    );
    const html = `<!doctype html><html><head><title>Shop</title>
<script>
!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;
analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];
analytics.factory=function(e){return function(){var t=Array.prototype.slice.call(arguments);t.unshift(e);analytics.push(t);return analytics}};
for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}
analytics.load=function(key,e){var t=document.createElement("script");t.type="text/javascript";t.async=!0;
t.src="/vendor/analytics-next/standalone.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=e};
analytics._writeKey=${JSON.stringify(source.writeKey)};analytics._cdn=${JSON.stringify(baseURL)};
analytics.SNIPPET_VERSION="5.2.0";analytics.load(${JSON.stringify(source.writeKey)});analytics.page();}}();
${CALLS}
</script></head><body><h1>Shop</h1></body></html>`;
    pages = await serveTestPages({
      "/shop": { body: html },
      "/vendor/analytics-next/standalone.js": { body: standalone, type: "application/javascript" },
    });

    const shop = await context.newPage();
    const net = await watchNetwork(shop);
    const settings = shop.waitForResponse(`${baseURL}/v1/projects/${source.writeKey}/settings`);
    // The first call the library sends, wherever it goes: it must go to Sluice.
    const firstCall = shop.waitForRequest((r) => r.method() === "POST" && CALL_PATH.test(new URL(r.url()).pathname));
    await shop.goto(`${pages.origin}/shop`);
    expect((await settings).status()).toBe(200);
    expect((await firstCall).url(), "analytics-next sends to the apiHost of Sluice's settings").toMatch(
      new RegExp(`^${baseURL}/v1/[pit]$`),
    );

    await expectStoredCalls(baseURL!, source, {
      url: `${pages.origin}/shop`,
      path: "/shop",
      userAgent: await shop.evaluate(() => navigator.userAgent),
      library: /^next-1\.84\.3$/,
    });
    // Each call carried Basic auth, which made Chromium preflight it; Sluice's OPTIONS answer let it through.
    const calls = net.requests.filter((r) => CALL_PATH.test(r.url()));
    expect(calls.map((r) => r.url()).sort()).toEqual([`${baseURL}/v1/i`, `${baseURL}/v1/p`, `${baseURL}/v1/t`]);
    const basic = `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`;
    for (const call of calls) {
      expect(await call.headerValue("authorization"), call.url()).toBe(basic);
      expect((await call.response())?.status(), call.url()).toBe(200);
    }
    expect(net.preflights.map((p) => p.url).sort()).toEqual(calls.map((r) => r.url()).sort());
    for (const p of net.preflights) expect(p.status, p.url).toBe(204);
    expect(elsewhere(net.requests, baseURL!, pages.origin)).toEqual([]);
  });
});
