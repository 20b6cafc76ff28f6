import { expect, test } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

// A source's own ingest rate limit, set on its Settings tab: calls past it are answered 429 with Retry-After,
// and the tab counts them (no event row per limited call).

test("sets a source's rate limit; the calls past it are answered 429 and counted on the source", async ({
  page,
}, testInfo) => {
  const workspaceId = await signInAsOwner(page);
  await page.goto(`/${workspaceId}/sources/new`);
  await page.getByTestId("catalog-entry").filter({ hasText: "HTTP API" }).first().click();
  await page.getByLabel("Name").fill("Rate limited API");
  await page.getByRole("button", { name: "Create source" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources/[^/]+$`));
  const writeKey = (await page.getByTestId("write-key").innerText()).trim();

  await page.getByRole("tab", { name: "Settings" }).click();
  const card = page.getByTestId("source-rate-limit");
  await expect(card.getByTestId("source-limited-calls")).toHaveText("No call has been refused by a rate limit.");
  await card.getByLabel("Calls per window").fill("abc");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText(/Enter a whole number of calls/)).toBeVisible();
  await card.getByLabel("Calls per window").fill("2");
  await card.getByLabel("Window (seconds)").fill("60");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Rate limit saved", { exact: true })).toBeVisible();

  const auth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` };
  const statuses: number[] = [];
  let retryAfter = "";
  for (let i = 0; i < 5; i++) {
    const res = await page.request.post("/v1/track", { headers: auth, data: { userId: "u", event: `E${i}` } });
    statuses.push(res.status());
    if (res.status() === 429) retryAfter = res.headers()["retry-after"] ?? "";
  }
  expect(statuses).toEqual([200, 200, 429, 429, 429]);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);

  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("source-limited-calls").innerText();
      },
      { timeout: 15_000 },
    )
    .toMatch(/^3 calls refused with 429, the last /);
  // Data In says so too: the refused calls are not in its list, and this is why.
  await page.getByRole("tab", { name: "Data In" }).click();
  await expect(page.getByTestId("rate-limited-notice")).toContainText(
    "3 calls from Rate limited API refused by its rate limit (429)",
  );
  await expect(page.getByTestId("event-row")).toHaveCount(2);
  await page.getByRole("tab", { name: "Settings" }).click();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId("source-rate-limit").scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`rate-limit-${width}.png`), fullPage: true });
  }

  // Cleared: the server's default (none) applies again.
  await page.getByTestId("source-rate-limit").getByLabel("Calls per window").fill("");
  await page.getByTestId("source-rate-limit").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Rate limit saved", { exact: true }).first()).toBeVisible();
  await expect
    .poll(
      async () =>
        (await page.request.post("/v1/track", { headers: auth, data: { userId: "u", event: "After" } })).status(),
      {
        timeout: 10_000,
      },
    )
    .toBe(200);
});
