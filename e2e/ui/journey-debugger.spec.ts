import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { seedSource, sendCall } from "../fixtures/seed";

// The debugger fixes found by trying it as a new user: the status column stays in view at 1280 px, page calls
// show their path, the filters live in the URL, "Show all their calls" includes the person's anonymous calls
// from before they were identified, and the filtered calls export as NDJSON.

const rows = (page: Page) => page.getByTestId("event-row");

test("filters in the URL, a person's earlier anonymous calls, page paths, the status column and NDJSON export", async ({
  page,
}) => {
  const {
    workspaceId,
    source: { writeKey },
  } = await seedSource(page);
  const send = async (type: string, body: object) => expect(await sendCall(page, writeKey, type, body)).toBe(200);
  await send("page", { anonymousId: "anon-ada", properties: { path: "/pricing", url: "https://shop.test/pricing" } });
  await send("track", { anonymousId: "anon-other", event: "Viewed Pricing" });
  await send("identify", { userId: "ada", anonymousId: "anon-ada", traits: { plan: "pro" } });
  await send("track", { userId: "ada", event: "Order Completed", properties: { total: 42 } });

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/${workspaceId}/debugger`);
  await expect(rows(page)).toHaveCount(4);

  // The status column is inside the list's box at 1280 px.
  const table = page.locator("table").first();
  const box = (await table.locator("xpath=ancestor::div[contains(@class,'overflow-x-auto')][1]").boundingBox())!;
  const status = (await page.getByRole("columnheader", { name: "Status" }).boundingBox())!;
  expect(status.x + status.width).toBeLessThanOrEqual(box.x + box.width + 1);

  // A page call without a name shows its path, and Pretty prints page(properties).
  const pageRow = rows(page).filter({ hasText: "/pricing" });
  await expect(pageRow).toHaveCount(1);
  await pageRow.click();
  await expect(page.getByTestId("event-pretty")).toContainText('analytics.page({\n  path: "/pricing"');

  // From the order to everything its person did, their anonymous page view included, the stranger's not.
  await rows(page).filter({ hasText: "Order Completed" }).click();
  await page.getByRole("button", { name: "Show all their calls" }).click();
  await expect(page.getByTestId("identity-filter")).toContainText("User ada");
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).filter({ hasText: "Viewed Pricing" })).toHaveCount(0);
  await expect(page).toHaveURL(/userId=ada/);
  await expect(page).toHaveURL(/identity=any/);

  // The filters survive a reload (and so a shared link).
  await page.reload();
  await expect(page.getByTestId("identity-filter")).toContainText("User ada");
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole("combobox", { name: "Type" }).click();
  await page.getByRole("option", { name: "track", exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/type=track/);

  // Export the filtered calls.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export NDJSON" }).click();
  const file = await (await download).path();
  const lines = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { payload: { event?: string; userId?: string } });
  expect(lines.map((l) => [l.payload.event, l.payload.userId])).toEqual([["Order Completed", "ada"]]);
});
