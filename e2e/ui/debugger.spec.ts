import { expect, test, type Page } from "@playwright/test";
import { seedSource, sendCall } from "../fixtures/seed";
import { signInAsOwner } from "../fixtures/sign-in";

/** Picks an option of one of the filter bar's select menus (Radix: a combobox and a listbox). */
async function choose(page: Page, filter: string, option: string) {
  await page.getByRole("combobox", { name: filter }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

const rows = (page: Page) => page.getByTestId("event-row");

test("calls appear live, open as code and raw JSON, and rejected calls say why", async ({ page }) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  expect(await sendCall(page, writeKey, "track", { userId: "u-history", event: "From History" })).toBe(200);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("feed-state")).toContainText("Live");

  expect(
    await sendCall(page, writeKey, "track", { userId: "u1", event: "Order Completed", properties: { total: 42 } }),
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

  expect(await sendCall(page, writeKey, "track", { event: "No Identity" })).toBe(400);
  const rejected = rows(page).filter({ hasText: "Rejected" });
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText("No Identity"); // what the rejected call said of itself
  await rejected.click();
  await expect(page.getByTestId("event-detail").getByRole("alert")).toContainText("Sluice rejected this call");
  await expect(page.getByTestId("rejection-advice")).toContainText("who it is about");
});

test("a source's Data In tab shows only that source's calls, live", async ({ page }) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  const other = await page.request.post(`/api/workspaces/${workspaceId}/sources`, {
    data: { type: "http", name: "Other", connectJourneys: false },
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
  expect(await sendCall(page, otherKey, "track", { userId: "u", event: "Elsewhere" })).toBe(200);
  expect(await sendCall(page, writeKey, "track", { userId: "u", event: "Mine" })).toBe(200);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Mine");
  await expect(page.getByRole("columnheader", { name: "Source" })).toHaveCount(0); // one source: no column
});

test("pause holds new calls behind a counter and resume shows them", async ({ page }) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(page.getByTestId("empty-state")).toContainText("No events yet");
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  expect(await sendCall(page, writeKey, "identify", { userId: "u1", traits: { plan: "pro" } })).toBe(200);
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole("button", { name: "Pause" }).click();
  for (let i = 0; i < 3; i++)
    expect(await sendCall(page, writeKey, "track", { userId: "u1", event: `Paused ${i}` })).toBe(200);
  await expect(page.getByTestId("new-count")).toHaveText("3 new");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("button", { name: /Resume · 3 new/ }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).first()).toContainText("Paused 2");
  await expect(page.getByTestId("new-count")).toHaveCount(0);
});

test("filters by type and by text, in history and live", async ({ page }) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  expect(await sendCall(page, writeKey, "identify", { userId: "u1", traits: { email: "ada@example.com" } })).toBe(200);
  expect(await sendCall(page, writeKey, "track", { userId: "u1", event: "Signed Up" })).toBe(200);
  expect(await sendCall(page, writeKey, "page", { userId: "u1", name: "Pricing" })).toBe(200);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(3);

  await choose(page, "Type", "track");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Signed Up");
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  expect(await sendCall(page, writeKey, "identify", { userId: "u2" })).toBe(200);
  expect(await sendCall(page, writeKey, "track", { userId: "u2", event: "Trial Started" })).toBe(200);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText("Trial Started");

  await choose(page, "Type", "All types");
  await page.getByLabel("Search payloads").fill("ADA@example");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Identify");

  await page.getByLabel("Search payloads").fill("");
  await expect(rows(page)).toHaveCount(5);
  const history = page.waitForRequest((r) => /\/events\?.*from=/.test(r.url()));
  await choose(page, "Time", "Last 15 minutes");
  const from = Date.parse(new URL((await history).url()).searchParams.get("from")!);
  expect(Math.abs(Date.now() - 15 * 60_000 - from)).toBeLessThan(60_000);
  await expect(rows(page)).toHaveCount(5); // all were received just now

  // From a call to everything its person did.
  await rows(page).filter({ hasText: "Trial Started" }).click();
  await page.getByRole("button", { name: "Show all their calls" }).click();
  await expect(page.getByTestId("identity-filter")).toContainText("User u2");
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: "u1" })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear the user filter" }).click();
  await expect(rows(page)).toHaveCount(5);
});

/** Sends `calls` in one /v1/batch request. */
async function sendBatch(page: Page, writeKey: string, calls: object[]) {
  return sendCall(page, writeKey, "batch", { batch: calls.map((c) => ({ type: "track", userId: "u1", ...c })) });
}

test("older calls load on request without reconnecting the stream, and a search finds an older match", async ({
  page,
}) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  const calls = Array.from({ length: 60 }, (_, i) => ({
    event: `Step ${i}`,
    properties: i === 0 ? { coupon: "OLDEST-COUPON" } : { coupon: "none" },
  }));
  expect(await sendBatch(page, writeKey, calls)).toBe(200);
  const streams: string[] = [];
  page.on("request", (req) => req.url().includes("/events/stream") && streams.push(req.url()));
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText("Step 59");
  await expect(page.getByTestId("feed-state")).toContainText("Live");

  await page.getByRole("button", { name: "Load older calls" }).click();
  await expect(rows(page)).toHaveCount(60);
  await expect(rows(page).last()).toContainText("Step 0");
  await expect(page.getByRole("button", { name: "Load older calls" })).toHaveCount(0); // nothing older
  // The stream kept going from the first page: one connection, and a new call still arrives on top.
  expect(await sendCall(page, writeKey, "track", { userId: "u1", event: "After Paging" })).toBe(200);
  await expect(rows(page)).toHaveCount(61);
  await expect(rows(page).first()).toContainText("After Paging");
  expect(streams).toHaveLength(1);

  // The only match is below the newest page of 50.
  await page.getByLabel("Search payloads").fill("oldest-coupon");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Step 0");
});

test("a search keeps looking past the 10,000-call scan window for an older match", async ({ page }) => {
  test.setTimeout(60_000); // it stores 10,051 calls first
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  expect(
    await sendCall(page, writeKey, "track", { userId: "u1", event: "Needle", properties: { code: "RARE-7" } }),
  ).toBe(200);
  // More than one scan window of newer calls: the first page of the search comes back empty, with a cursor.
  for (let b = 0; b < 5; b++) {
    expect(
      await sendBatch(
        page,
        writeKey,
        Array.from({ length: 2_010 }, () => ({ event: "Filler" })),
      ),
    ).toBe(200);
  }
  const first = page.waitForResponse((res) => /\/events\?(?!.*before=).*q=rare-7/.test(res.url()));
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(50);
  await page.getByLabel("Search payloads").fill("rare-7");
  const firstPage = await (await first).json();
  expect(firstPage.events).toHaveLength(0);
  expect(firstPage.nextCursor).not.toBeNull();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Needle");
});

test("a search with no match stops after 50,000 calls and searches older ones on request", async ({ page }) => {
  const { workspaceId } = await seedSource(page);
  // Stand in for a workspace with far more calls than that: every page scans its window and finds nothing.
  const path = `/api/workspaces/${workspaceId}/events`;
  let pagesServed = 0;
  const isSearch = (url: URL) => url.pathname === path && url.searchParams.get("q") === "nowhere";
  await page.route(isSearch, (route) => {
    pagesServed++;
    const before = new URL(route.request().url()).searchParams.get("before");
    const nextCursor = String(Number(before ?? 1_000_000) - 10_000);
    return route.fulfill({ json: { events: [], nextCursor, ...(before ? {} : { latestId: null }) } });
  });
  await page.goto(`/${workspaceId}/debugger`);
  await expect(page.getByTestId("empty-state")).toContainText("No events yet");
  await page.getByLabel("Search payloads").fill("nowhere");
  await expect(page.getByTestId("empty-state")).toContainText("No matches in the latest 50,000 calls");
  expect(pagesServed).toBe(5);

  await page.getByRole("button", { name: "Search older calls" }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No matches in the latest 100,000 calls");
  expect(pagesServed).toBe(10);

  // The real server: nothing older is left, so now it says nothing matches.
  await page.unroute(isSearch);
  await page.getByRole("button", { name: "Search older calls" }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No calls match these filters");
});

test("signing out stops the live feed visibly, and Reconnect resumes it without losing calls", async ({
  page,
  context,
}) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  await page.goto(`/${workspaceId}/debugger`);
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  expect(await sendCall(page, writeKey, "track", { userId: "u1", event: "Before" })).toBe(200);
  await expect(rows(page)).toHaveCount(1);
  // Every label the feed state shows from here on, however briefly.
  await page.getByTestId("feed-state").evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { feedStates: string[] }).feedStates = seen;
    new MutationObserver(() => seen.push(el.textContent ?? "")).observe(el, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });

  // Sign out in another tab: the server ends the stream, EventSource retries and is refused (401).
  const other = await context.newPage();
  await other.goto(`/${workspaceId}/connections`);
  await other.getByTestId("user-menu").click();
  await other.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/login/);
  await expect(page.getByTestId("feed-state")).toHaveText("Disconnected");
  const stopped = page.getByTestId("feed-stopped");
  await expect(stopped).toContainText("your session ended or you no longer have access to this workspace");
  await expect(stopped.getByRole("link", { name: "Sign in again" })).toHaveAttribute(
    "href",
    `/login?callbackUrl=${encodeURIComponent(`/${workspaceId}/debugger`)}`,
  );
  const states = await page.evaluate(() => (window as unknown as { feedStates: string[] }).feedStates);
  expect(states).toEqual(["Reconnecting…", "Disconnected"]);

  // A call stored while disconnected, then signed in again: Reconnect resumes after the newest call seen, so
  // "While Away" arrives and "Before" is not repeated.
  expect(await sendCall(page, writeKey, "track", { userId: "u1", event: "While Away" })).toBe(200);
  await signInAsOwner(other);
  await stopped.getByRole("button", { name: "Reconnect" }).click();
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  await expect(stopped).toHaveCount(0);
  await expect(rows(page).first()).toContainText("While Away");
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(1)).toContainText("Before");
});
