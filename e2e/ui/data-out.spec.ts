import { expect, test, type Page } from "@playwright/test";
import { startReceiver } from "../fixtures/delivery";
import { backdateDeliveries } from "../fixtures/events-db";
import { seedSource, sendCall } from "../fixtures/seed";

// A destination's Data Out beyond the main flow (e2e/ui/journey.spec.ts): the list row of a failed call carries
// a red mark in Data In, the journey panel's own Retry sends it again, Data Out's time range leaves out older
// deliveries, Discard gives one up, and "Retry all failed" sends the rest — not the discarded one.

type Mode = "ok" | "bad request";

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
test.afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const eventRow = (page: Page, userId: string) => page.getByTestId("event-row").filter({ hasText: userId });
const deliveryRow = (page: Page, userId: string) => page.getByTestId("delivery-row").filter({ hasText: userId });

test("Data Out: a failed call's red mark, the journey's Retry, the time range, Discard and Retry all failed", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  let mode: Mode = "ok";
  const oks: string[] = [];
  receiver = await startReceiver((body) => {
    if (mode === "bad request") return { status: 400, body: '{"error":"bad order"}' };
    oks.push(JSON.parse(body).user as string);
    return { status: 200, body: '{"received":true}' };
  });
  const { workspaceId, source } = await seedSource(page);
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Hook", settings: {}, sourceIds: [source.id] },
  });
  expect(dest.status()).toBe(201);
  const destinationId = (await dest.json()).id as string;
  const action = await page.request.post(`/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
    data: {
      actionKey: "send",
      name: "Orders",
      trigger: 'type = "track"',
      mapping: { url: receiver.url, method: "POST", data: { user: { "@path": "$.userId" } } },
    },
  });
  expect(action.status()).toBe(201);

  await page.goto(`/${workspaceId}/sources/${source.id}/data-in`);
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  const send = async (userId: string) =>
    expect(await sendCall(page, source.writeKey, "track", { userId, event: "Order Completed" })).toBe(200);

  // One delivered call, then four the receiver refuses for good (400: failed, no automatic retry).
  await send("user-ok");
  await expect(eventRow(page, "user-ok").getByTestId("journey-summary")).toHaveText("1 delivered");
  mode = "bad request";
  for (const userId of ["user-old", "user-1", "user-2", "user-3"]) await send(userId);

  // The failed call's row is marked: red, a dot, and words for screen readers; the delivered one is not.
  const failedSummary = eventRow(page, "user-3").getByTestId("journey-summary");
  await expect(failedSummary).toContainText("1 failed", { timeout: 20_000 });
  await expect(failedSummary).toHaveClass(/text-red-700/);
  await expect(failedSummary.locator(".bg-red-600")).toBeVisible();
  await expect(failedSummary.getByText("Delivery failed:")).toBeAttached();
  const okSummary = eventRow(page, "user-ok").getByTestId("journey-summary");
  await expect(okSummary).not.toHaveClass(/text-red-700/);
  await expect(okSummary.locator(".bg-red-600")).toHaveCount(0);

  // The journey panel's own Retry: the receiver is fixed, the line turns delivered, live.
  mode = "ok";
  await eventRow(page, "user-3").click();
  const line = page.getByTestId("journey-line").filter({ hasText: "Hook · Orders" });
  await expect(line).toHaveAttribute("data-status", "failed");
  await line.getByRole("button").first().click();
  await line.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(line).toHaveAttribute("data-status", "delivered", { timeout: 20_000 });
  await expect(line).toContainText("HTTP 200");
  await expect(failedSummary).toHaveText("1 delivered");
  await expect(failedSummary).not.toHaveClass(/text-red-700/);
  expect(oks).toEqual(["user-ok", "user-3"]);

  // Data Out's time range: user-old's delivery is two days old.
  expect(backdateDeliveries(baseURL!, destinationId, "user-old", 2 * 24 * 3600_000)).toBe(1);
  await page.goto(`/${workspaceId}/destinations/${destinationId}/data-out`);
  const rows = page.getByTestId("delivery-row");
  await expect(rows).toHaveCount(5);
  const chooseTime = async (label: string) => {
    await page.getByRole("combobox", { name: "Time" }).click();
    await page.getByRole("option", { name: label, exact: true }).click();
  };
  await chooseTime("Last 24 hours");
  await expect(rows).toHaveCount(4);
  await expect(deliveryRow(page, "user-old")).toHaveCount(0);
  await chooseTime("Last hour");
  await expect(rows).toHaveCount(4);
  await chooseTime("Last 7 days");
  await expect(rows).toHaveCount(5);
  await expect(deliveryRow(page, "user-old")).toHaveAttribute("data-status", "failed");
  await chooseTime("Any time");
  await expect(rows).toHaveCount(5);

  // Discard gives user-2's delivery up: no Retry all for it, and the count on the button says so.
  const retryAll = page.getByRole("button", { name: /^Retry all failed/ });
  await expect(retryAll).toHaveText("Retry all failed (3)");
  await deliveryRow(page, "user-2").getByRole("button", { name: "Discard", exact: true }).click();
  await expect(deliveryRow(page, "user-2")).toHaveAttribute("data-status", "discarded");
  await expect(deliveryRow(page, "user-2").getByRole("button", { name: "Discard", exact: true })).toHaveCount(0);
  await expect(retryAll).toHaveText("Retry all failed (2)");

  // Retry all failed: the two failed ones are delivered, live; the discarded one is left alone.
  await retryAll.click();
  await expect(page.getByRole("status").filter({ hasText: "queued" })).toHaveText(
    "2 deliveries queued for another attempt.",
  );
  await expect(deliveryRow(page, "user-old")).toHaveAttribute("data-status", "delivered", { timeout: 20_000 });
  await expect(deliveryRow(page, "user-1")).toHaveAttribute("data-status", "delivered", { timeout: 20_000 });
  await expect(deliveryRow(page, "user-2")).toHaveAttribute("data-status", "discarded");
  await expect(retryAll).toHaveText("Retry all failed");
  await expect(retryAll).toBeDisabled();
  expect([...oks].sort()).toEqual(["user-1", "user-3", "user-ok", "user-old"].sort());
  await expect(page.getByTestId("delivery-summary")).toContainText("4 delivered · 0 retrying · 0 failed");
});
