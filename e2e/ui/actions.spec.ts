import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { seedMarketer } from "../fixtures/marketer";
import { sendCall } from "../fixtures/seed";

// The marketer's flow through the action editor, against a real Webhook receiver: trigger built with the
// builder, a mapped field changed with the path picker, tested on a recent event and sent for real.

const SHOTS = "test-results/screenshots/actions";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// This branch's shell keeps its 224 px sidebar at every width (the responsive shell is on its way from the
// polish branch), which leaves a phone ~100 px of page; the phone shots hide it, as a drawer would be, so
// they show how the editor itself fits 390 px.
const PHONE_SHELL =
  "aside { display: none !important } main { padding-left: 16px !important; padding-right: 16px !important }";

async function shoot(page: Page, name: string) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.evaluate(
      ([css, isPhone]) => {
        document.getElementById("phone-shell")?.remove();
        if (!isPhone) return;
        const style = Object.assign(document.createElement("style"), { id: "phone-shell", textContent: css });
        document.head.append(style);
      },
      [PHONE_SHELL, size === PHONE] as const,
    );
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true });
  }
}

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A real HTTP receiver on 127.0.0.1, recording what arrives and answering 200 with a small JSON body. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/orders`, received, close: () => server.close() };
}

test.use({ viewport: DESKTOP });

test("a marketer builds a trigger, remaps a field with the path picker, tests and sends to a signed webhook", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    const { workspaceId, source } = await seedMarketer(page, "Checkout server");
    const secret = `whsec-${Date.now()}`;
    const properties = { order_id: "o-1001", total: 99.5, currency: "EUR" };
    expect(
      await sendCall(page, source.writeKey, "track", { event: "Order Completed", userId: "u-42", properties }),
    ).toBe(200);

    // Seed through the API: a Webhook with a shared secret, connected to the source, and its send action.
    const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
      data: {
        slug: "webhook",
        name: "Order hook",
        settings: { sharedSecret: secret },
        sourceIds: [source.id],
        enabled: true,
      },
    });
    expect(dest.status()).toBe(201);
    const destinationId = ((await dest.json()) as { id: string }).id;
    const created = await page.request.post(`/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
      data: {
        actionKey: "send",
        name: "Orders to the hook",
        trigger: 'type = "identify"',
        mapping: { url: receiver.url, method: "POST", data: { "@path": "$." } },
      },
    });
    expect(created.status()).toBe(201);
    const actionId = ((await created.json()) as { id: string }).id;
    const actionUrl = `/api/workspaces/${workspaceId}/destinations/${destinationId}/actions/${actionId}`;

    await page.goto(`/${workspaceId}/destinations/${destinationId}/actions/${actionId}`);
    await expect(page.getByTestId("action-title")).toHaveText("Orders to the hook");

    // The trigger, with the builder: type is track, and event name is Order Completed, joined by ALL.
    await expect(page.getByLabel("Condition 1 field")).toHaveValue("type");
    await page.getByLabel("Condition 1 value", { exact: true }).selectOption("track");
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 2 field").selectOption("event");
    await page.getByLabel("Condition 2 operator").selectOption("is");
    await page.getByLabel("Condition 2 value", { exact: true }).fill("Order Completed");
    await expect(page.getByTestId("trigger-fql")).toHaveText('type = "track" and event = "Order Completed"');
    await shoot(page, "builder");

    // A mapped field with the path picker: the webhook's body becomes the event's properties.
    const dataRow = page.getByTestId("mapping-row-data");
    const dataPath = dataRow.getByLabel("Data: path");
    await dataPath.fill("prop");
    const options = dataRow.getByRole("listbox", { name: "Paths in recent events" }).getByRole("option");
    await expect(options.first()).toBeVisible();
    await shoot(page, "path-picker");
    await options.filter({ hasText: /^\$\.properties(?!\.)/ }).click();
    await expect(dataPath).toHaveValue("$.properties");
    await expect(dataRow).toContainText("Latest event: {…}");

    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
    const saved = (await (await page.request.get(actionUrl)).json()) as {
      trigger: string;
      mapping: Record<string, unknown>;
    };
    expect(saved.trigger).toBe('type = "track" and event = "Order Completed"');
    expect(saved.mapping.data).toEqual({ "@path": "$.properties" });
    await shoot(page, "mapping");

    // Test with the recent event: the trigger matches and the payload is mapped; nothing is sent yet.
    const panel = page.getByTestId("test-panel");
    await expect(panel.getByLabel("Event", { exact: true })).toContainText("track · Order Completed");
    await panel.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByTestId("test-match")).toContainText("Trigger matches");
    await expect(page.getByLabel("Mapped payload")).toContainText('"order_id": "o-1001"');
    expect(receiver.received).toHaveLength(0);

    // Send: the receiver gets the mapped body, signed with the shared secret; the panel shows the exchange.
    await panel.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("test-response-status")).toHaveText("200");
    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit!.method).toBe("POST");
    expect(hit!.url).toBe("/hooks/orders");
    expect(JSON.parse(hit!.body)).toEqual(properties);
    expect(hit!.headers["x-signature"]).toBe(createHmac("sha1", secret).update(hit!.body).digest("hex"));
    await expect(page.getByTestId("test-exchange")).toContainText(`POST ${receiver.url}`);
    await expect(page.getByTestId("test-exchange")).not.toContainText(secret);
    await shoot(page, "test-results");

    // A sample that does not match says why.
    await panel.getByLabel("Event", { exact: true }).selectOption("sample");
    await panel.getByLabel("Sample event").fill(JSON.stringify({ type: "identify", userId: "u-1", traits: {} }));
    await panel.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByTestId("test-match")).toContainText("Trigger does not match");

    // Invalid FQL is refused, with where and what, at the trigger.
    await page.getByRole("button", { name: "Edit as FQL" }).click();
    const fql = page.getByLabel("Trigger FQL");
    await expect(fql).toHaveValue('type = "track" and event = "Order Completed"');
    await shoot(page, "fql-mode");
    await fql.fill('type = "track" and ((event = "Order Completed"))');
    await page.getByRole("button", { name: "Use the builder" }).click();
    await expect(page.getByTestId("trigger-notice")).toContainText("The builder cannot read this FQL");
    await expect(page.getByTestId("trigger-notice")).toContainText("character 21");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("trigger-error")).toContainText(/parenthes/i);
    await expect(page.getByTestId("trigger-error")).not.toContainText(/undefined|Cannot read/);
    await expect(page.getByTestId("trigger-notice")).toBeHidden(); // the same words once, from the API
    await shoot(page, "fql-invalid");

    // Valid FQL the builder cannot show stays text; FQL that fits goes back into the builder.
    await fql.fill('type = "track" and (event = "Order Completed" or event = "Order Refunded")');
    await page.getByRole("button", { name: "Use the builder" }).click();
    await expect(page.getByTestId("trigger-notice")).toContainText("too complex for the builder");
    await fql.fill('type = "track" or event = "Order Completed"');
    await page.getByRole("button", { name: "Use the builder" }).click();
    await expect(page.getByLabel("Combine conditions")).toHaveValue("any");
    await expect(page.getByLabel("Condition 2 value", { exact: true })).toHaveValue("Order Completed");
    await page.getByLabel("Combine conditions").selectOption("all");
    await expect(page.getByTestId("trigger-fql")).toHaveText('type = "track" and event = "Order Completed"');

    // An invalid mapping is refused, with the message on the field's row.
    const urlRow = page.getByTestId("mapping-row-url");
    await urlRow.getByLabel("URL: value kind").selectOption("function");
    await urlRow.getByRole("button", { name: "Edit as JSON" }).click();
    await urlRow.getByLabel("URL: directive JSON").fill('{ "@bogus": "x" }');
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(urlRow.getByTestId("field-error")).toContainText(/@bogus/);
    await shoot(page, "mapping-invalid");
    const unchanged = (await (await page.request.get(actionUrl)).json()) as { mapping: Record<string, unknown> };
    expect(unchanged.mapping.url).toBe(receiver.url);
  } finally {
    receiver.close();
  }
});

test("a new action starts from the definition's defaults", async ({ page }) => {
  const { workspaceId, source } = await seedMarketer(page, "Web app");
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Another hook", settings: {}, sourceIds: [source.id] },
  });
  expect(dest.status()).toBe(201);
  const destinationId = ((await dest.json()) as { id: string }).id;
  await page.goto(`/${workspaceId}/destinations/${destinationId}/actions/new`);
  await expect(page.getByTestId("action-types").getByRole("button")).toHaveCount(1);
  await shoot(page, "new-choose");
  await page.getByTestId("action-types").getByRole("button", { name: /Send/ }).click();
  await expect(page.getByLabel("Action name")).toHaveValue("Send");
  await expect(page.getByTestId("trigger-fql")).toHaveText('type = "track"');
  await expect(page.getByTestId("mapping-row-data").getByLabel("Data: path")).toHaveValue("$.");
  await shoot(page, "new");
  // URL is required and has no default: the API says so on its row.
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByTestId("mapping-row-url").getByTestId("field-error")).toBeVisible();
  await page.getByTestId("mapping-row-url").getByLabel("URL: value kind").selectOption("static");
  await page.getByTestId("mapping-row-url").locator("input").fill("https://example.test/hook");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page).toHaveURL(new RegExp(`/actions/(?!new)[^/]+$`));
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // And it can be deleted again: back to the destination's (empty) list of actions.
  await page.getByRole("button", { name: "Delete action" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete action" }).click();
  await expect(page).toHaveURL(new RegExp(`/destinations/${destinationId}/actions$`));
  await expect(page.getByTestId("empty-state")).toContainText("No actions yet");
});

test("nested object fields and lists (@arrayPath) map a recent event", async ({ page }) => {
  test.setTimeout(90_000);
  const { workspaceId, source } = await seedMarketer(page, "Shop");
  const products = [
    { sku: "SKU-1", price: 10, quantity: 2 },
    { sku: "SKU-2", price: 5.5, quantity: 1 },
  ];
  expect(
    await sendCall(page, source.writeKey, "track", {
      event: "Order Completed",
      userId: "u-7",
      properties: { revenue: 25.5, products },
      context: { campaign: { source: "newsletter" } },
    }),
  ).toBe(200);
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: {
      slug: "amplitude",
      name: "Product analytics",
      settings: { apiKey: "k", secretKey: "s" },
      sourceIds: [source.id],
    },
  });
  expect(dest.status()).toBe(201);
  const destinationId = ((await dest.json()) as { id: string }).id;

  await page.goto(`/${workspaceId}/destinations/${destinationId}/actions/new`);
  await page
    .getByTestId("action-types")
    .getByRole("button", { name: /Log Purchase/ })
    .click();
  await page.getByLabel("Action name").fill("Purchases");

  // An object field, property by property: one nested row set to a static value.
  const campaign = page.getByTestId("mapping-row-utm_properties.utm_campaign");
  await expect(page.getByTestId("mapping-row-utm_properties").getByLabel("UTM Properties: value kind")).toHaveValue(
    "object",
  );
  await campaign.getByLabel("UTM Campaign: value kind").selectOption("static");
  await campaign.locator("input").fill("spring");

  // A list: each product item maps productId from the item's sku, picked from the items' own paths.
  const productsRow = page.getByTestId("mapping-row-products");
  await expect(productsRow.getByLabel("Products: list path")).toHaveValue("$.properties.products");
  const itemId = productsRow.getByLabel("Products: item productId", { exact: true });
  await itemId.fill("");
  await productsRow.getByRole("listbox").getByRole("option").filter({ hasText: "$.sku" }).click();
  await expect(itemId).toHaveValue("$.sku");
  await shoot(page, "nested");

  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.getByTestId("test-panel").getByRole("button", { name: "Test", exact: true }).click();
  const payload = page.getByLabel("Mapped payload");
  await expect(payload).toContainText('"productId": "SKU-2"');
  await expect(payload).toContainText('"utm_campaign": "spring"');
  await expect(payload).toContainText('"utm_source": "newsletter"');
  const text = (await payload.textContent())!;
  const mapped = JSON.parse(text) as { products: { productId: string; price: number }[] };
  expect(mapped.products).toEqual([
    expect.objectContaining({ productId: "SKU-1", price: 10, quantity: 2 }),
    expect.objectContaining({ productId: "SKU-2", price: 5.5, quantity: 1 }),
  ]);
});
