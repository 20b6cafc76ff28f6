import { expect, test, type Locator, type Page } from "@playwright/test";
import { seedSource, sendCall } from "../fixtures/seed";

// Every page of the app at a phone's and a laptop's size: the page never scrolls sideways, the sections are
// reachable, the page's main action is on screen. Screenshots land in test-results/screenshots/responsive/, to be
// looked at (nothing compares their pixels).
const viewports = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

type PageCheck = { slug: string; path: (ids: Ids) => string; primary: (page: Page) => Locator };
type Ids = { workspaceId: string; sourceId: string; destinationId: string; actionId: string };

const pages: PageCheck[] = [
  { slug: "connections", path: (i) => `/${i.workspaceId}/connections`, primary: (p) => link(p, "Add source") },
  { slug: "sources", path: (i) => `/${i.workspaceId}/sources`, primary: (p) => link(p, "Add source") },
  {
    slug: "sources-new",
    path: (i) => `/${i.workspaceId}/sources/new`,
    primary: (p) => p.getByRole("button", { name: /JavaScript/ }).first(),
  },
  {
    slug: "source-overview",
    path: (i) => `/${i.workspaceId}/sources/${i.sourceId}`,
    primary: (p) => p.getByTestId("write-key"),
  },
  {
    slug: "source-data-in",
    path: (i) => `/${i.workspaceId}/sources/${i.sourceId}/data-in`,
    primary: (p) => p.getByRole("button", { name: "Pause" }),
  },
  {
    slug: "source-settings",
    path: (i) => `/${i.workspaceId}/sources/${i.sourceId}/settings`,
    primary: (p) => p.getByRole("button", { name: "Save" }).first(),
  },
  {
    slug: "destinations",
    path: (i) => `/${i.workspaceId}/destinations`,
    primary: (p) => p.getByRole("main").getByRole("link").first(),
  },
  {
    slug: "destinations-new",
    path: (i) => `/${i.workspaceId}/destinations/new`,
    primary: (p) => p.getByPlaceholder("Search by name or what it does"),
  },
  {
    slug: "destination-overview",
    path: (i) => `/${i.workspaceId}/destinations/${i.destinationId}`,
    primary: (p) => link(p, "Add action"),
  },
  {
    slug: "destination-settings",
    path: (i) => `/${i.workspaceId}/destinations/${i.destinationId}/settings`,
    primary: (p) => p.getByRole("button", { name: "Save changes" }),
  },
  {
    slug: "destination-actions",
    path: (i) => `/${i.workspaceId}/destinations/${i.destinationId}/actions`,
    primary: (p) => link(p, "Add action"),
  },
  {
    slug: "destination-data-out",
    path: (i) => `/${i.workspaceId}/destinations/${i.destinationId}/data-out`,
    primary: (p) => p.getByRole("main").getByRole("combobox").first(),
  },
  {
    slug: "action-editor",
    path: (i) => `/${i.workspaceId}/destinations/${i.destinationId}/actions/${i.actionId}`,
    primary: (p) => p.getByLabel("Action name"),
  },
  {
    slug: "action-new",
    path: (i) => `/${i.workspaceId}/destinations/${i.destinationId}/actions/new`,
    primary: (p) => p.getByRole("main").getByRole("button").first(),
  },
  {
    slug: "debugger",
    path: (i) => `/${i.workspaceId}/debugger`,
    primary: (p) => p.getByRole("button", { name: "Pause" }),
  },
  {
    slug: "people",
    path: (i) => `/${i.workspaceId}/people`,
    primary: (p) => p.getByRole("main").getByRole("link").first(),
  },
  {
    slug: "settings-general",
    path: (i) => `/${i.workspaceId}/settings/general`,
    primary: (p) => p.getByRole("button", { name: "Save" }).first(),
  },
  {
    slug: "settings-api-credentials",
    path: (i) => `/${i.workspaceId}/settings/api-credentials`,
    primary: (p) => p.getByRole("button", { name: "Create Tracking API Key" }),
  },
  {
    slug: "settings-members",
    path: (i) => `/${i.workspaceId}/settings/members`,
    primary: (p) => p.getByRole("button", { name: "Invite member" }),
  },
  {
    slug: "not-found",
    path: (i) => `/${i.workspaceId}/no-such-page`,
    primary: (p) => link(p, "Go to Connections"),
  },
];

function link(page: Page, name: string): Locator {
  return page.getByRole("main").getByRole("link", { name }).first();
}

async function expectNoSidewaysScroll(page: Page, check = expect) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // What sticks out past the right edge, outermost first, to say what to fix when this fails. (An sr-only
    // label inside a scrolling table escapes the scroll box unless the box is positioned.)
    wide: Array.from(document.body.querySelectorAll("*"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 4)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`),
  }));
  check(scrollWidth, `the page does not scroll sideways; too wide: ${wide.join(", ")}`).toBeLessThanOrEqual(innerWidth);
}

/** A workspace with one source that has calls, a Webhook destination with an action, a tracking key, an App API
 *  key and a pending invite. */
async function seedWorkspace(page: Page): Promise<Ids> {
  const { workspaceId, source } = await seedSource(page, "javascript", "Marketing website with a long name");
  for (const event of ["Order Completed", "Product Viewed With A Rather Long Event Name"]) {
    expect(await sendCall(page, source.writeKey, "track", { userId: "user-42", event })).toBe(200);
  }
  const api = `/api/workspaces/${workspaceId}`;
  expect((await page.request.post(`${api}/tracking-keys`, { data: { name: "Website" } })).status()).toBe(201);
  expect((await page.request.post(`${api}/app-keys`, { data: { name: "CI deploys", scope: "read" } })).status()).toBe(
    201,
  );
  const invite = await page.request.post(`${api}/invites`, {
    data: { email: `someone-${Date.now()}@example.test`, role: "member" },
  });
  expect(invite.status()).toBe(201);
  const destination = await page.request.post(`${api}/destinations`, {
    data: { slug: "webhook", name: "Order notifications for the fulfilment team", sourceIds: [source.id] },
  });
  expect(destination.status()).toBe(201);
  const destinationId = ((await destination.json()) as { id: string }).id;
  const action = await page.request.post(`${api}/destinations/${destinationId}/actions`, {
    data: {
      actionKey: "send",
      name: "Orders to the fulfilment webhook",
      trigger: 'type = "track" and event = "Order Completed"',
      mapping: { url: "https://hooks.example.com/orders", method: "POST", data: { "@path": "$.properties" } },
    },
  });
  expect(action.status()).toBe(201);
  const actionId = ((await action.json()) as { id: string }).id;
  return { workspaceId, sourceId: source.id, destinationId, actionId };
}

for (const viewport of viewports) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("every page fits, keeps the sections reachable and shows its main action", async ({ page }) => {
      test.setTimeout(120_000);
      const ids = await seedWorkspace(page);
      for (const check of pages) {
        await test.step(check.slug, async () => {
          // Soft: every page is checked and photographed; the failures are reported together at the end.
          await page.goto(check.path(ids));
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expect.soft(check.primary(page)).toBeInViewport();
          const isNarrow = viewport.width < 1024;
          await expect.soft(page.getByRole("navigation", { name: "Sections" })).toBeVisible({ visible: !isNarrow });
          await expect.soft(page.getByRole("button", { name: "Open navigation" })).toBeVisible({ visible: isNarrow });
          // The whole page, cut at 2,400 px: the destination catalog is 22,000 px tall on a phone.
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.screenshot({
            path: `test-results/screenshots/responsive/${check.slug}-${viewport.width}.png`,
            fullPage: true,
            clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, 2400) },
          });
          await expectNoSidewaysScroll(page, expect.soft);
        });
      }
    });
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation drawer opens from the header and closes on a link, Escape and an outside click", async ({
    page,
  }) => {
    const { workspaceId } = await seedSource(page);
    await page.goto(`/${workspaceId}/connections`);
    const open = page.getByRole("button", { name: "Open navigation" });
    const nav = page.getByRole("navigation", { name: "Sections" });

    await open.click();
    await expect(nav).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/responsive/drawer-390.png" });
    await nav.getByRole("link", { name: "Sources" }).click();
    await expect(page).toHaveURL(/\/sources$/);
    await expect(nav).toBeHidden();
    await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();

    await open.click();
    await expect(nav).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(open).toBeFocused();

    await open.click();
    await expect(nav).toBeVisible();
    await page.mouse.click(370, 400); // the dimmed page to the right of the drawer
    await expect(nav).toBeHidden();

    // Back in history while the drawer is open closes it as well.
    await open.click();
    await page.goBack();
    await expect(page).toHaveURL(/\/connections$/);
    await expect(nav).toBeHidden();
  });

  test("a call tapped in the debugger's list brings its detail (under the list) into view", async ({ page }) => {
    const { workspaceId, source } = await seedSource(page);
    for (let i = 0; i < 12; i++) {
      expect(await sendCall(page, source.writeKey, "track", { userId: "u1", event: `Step ${i}` })).toBe(200);
    }
    await page.goto(`/${workspaceId}/debugger`);
    await page.getByTestId("event-row").filter({ hasText: "Step 0" }).click();
    await expect(page.getByRole("tab", { name: "Raw JSON" })).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: "test-results/screenshots/responsive/debugger-detail-390.png" });
  });

  test("list tables become cards with every column in view, and the selected settings tab is not cut off", async ({
    page,
  }) => {
    const { workspaceId } = await seedWorkspace(page);
    for (const path of ["sources", "settings/api-credentials", "settings/members"]) {
      await page.goto(`/${workspaceId}/${path}`);
      const cells = page.getByRole("main").locator("table td");
      await expect(cells.first()).toBeVisible();
      for (const cell of await cells.all()) {
        if ((await cell.innerText()).trim() === "") continue;
        const box = (await cell.boundingBox())!;
        expect(box.x, `${path}: a cell starts off screen`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${path}: a cell ends off screen`).toBeLessThanOrEqual(390);
      }
      await expectNoSidewaysScroll(page);
    }
    // Members is the last settings tab: on a phone it is scrolled into sight, not shown as "Mem".
    const tab = page.getByRole("tab", { name: "Members" });
    const box = (await tab.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/screenshots/responsive/members-cards-390.png", fullPage: true });
  });

  test("a dialog fits the screen", async ({ page }) => {
    const { workspaceId } = await seedSource(page);
    await page.goto(`/${workspaceId}/settings/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect(dialog.getByRole("button", { name: "Create invite link" })).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: "test-results/screenshots/responsive/dialog-390.png" });
  });
});

test.describe("header menus", () => {
  for (const viewport of viewports) {
    test(`at ${viewport.width} px close on Escape, an outside click and navigation`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const { workspaceId } = await seedSource(page);
      await page.goto(`/${workspaceId}/sources`);
      const switcher = page.getByTestId("workspace-switcher");
      const userMenu = page.getByTestId("user-menu");
      const menu = page.getByRole("menu");

      await switcher.click();
      await expect(menu.getByRole("menuitem", { name: "+ Create workspace" })).toBeVisible();
      await expect(menu).toBeInViewport({ ratio: 1 });
      await page.keyboard.press("Escape");
      await expect(menu).toHaveCount(0);
      await expect(switcher).toBeFocused();

      await userMenu.click();
      await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
      await expect(menu).toBeInViewport({ ratio: 1 });
      await page.mouse.click(viewport.width / 2, viewport.height - 40);
      await expect(menu).toHaveCount(0);
      await expect(page).toHaveURL(/\/sources$/); // the outside click only closed the menu

      // Navigation from the menu (switch workspace) closes it; so does history navigation with it open.
      await switcher.click();
      await menu.getByRole("menuitem").first().click();
      await expect(menu).toHaveCount(0);
      await expect(page).toHaveURL(/\/connections$/);
      await page.goto(`/${workspaceId}/sources`);
      await userMenu.click();
      await expect(menu).toBeVisible();
      await page.goBack();
      await expect(page).toHaveURL(/\/connections$/);
      await expect(menu).toHaveCount(0);
    });
  }
});

test.describe("not found", () => {
  for (const viewport of viewports) {
    test(`at ${viewport.width} px: unknown pages, sources and workspaces answer 404 with a way back`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const { workspaceId } = await seedSource(page);

      // Inside a workspace: the app frame stays (header, sections), the 404 says what is missing.
      for (const [path, title] of [
        [`/${workspaceId}/anything`, "Page not found"],
        [`/${workspaceId}/sources/src_unknown/data-in/x`, "Page not found"],
        [`/${workspaceId}/sources/src_unknown`, "Source not found"],
        [`/${workspaceId}/sources/src_unknown/settings`, "Source not found"],
      ] as const) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(404);
        const panel = page.getByTestId("not-found");
        await expect(panel.getByRole("heading", { name: title })).toBeVisible();
        await expect(panel).toContainText(path);
        await expect(page.getByTestId("workspace-switcher")).toBeVisible();
        await expectNoSidewaysScroll(page);
      }
      await page.screenshot({ path: `test-results/screenshots/responsive/source-not-found-${viewport.width}.png` });
      await page.getByTestId("not-found").getByRole("link", { name: "Back to Sources" }).click();
      await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();

      // A workspace that does not exist (or is someone else's): the frame without a workspace, a way home.
      const res = await page.goto("/ws_unknown/connections");
      expect(res?.status()).toBe(404);
      await expect(page.getByTestId("not-found").getByRole("heading", { name: "Not found" })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `test-results/screenshots/responsive/workspace-not-found-${viewport.width}.png` });
      await page.getByRole("link", { name: "Go to your workspaces" }).click();
      await expect(page).toHaveURL(/\/connections$/);
    });
  }
});

test("pages link a favicon that exists", async ({ page }) => {
  const { workspaceId } = await seedSource(page);
  await page.goto(`/${workspaceId}/connections`);
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
});

test.describe("toasts", () => {
  for (const viewport of viewports) {
    test(`at ${viewport.width} px do not cover the button they report on`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const { workspaceId, source } = await seedSource(page);
      await page.goto(`/${workspaceId}/sources/${source.id}/settings`);
      await page.getByRole("button", { name: "Disable source" }).click();
      const toast = page.getByTestId("toast").filter({ hasText: "Source disabled" });
      await expect(toast).toBeVisible();
      const button = page.getByRole("button", { name: "Enable source" });
      await expect(button).toBeInViewport();
      const [t, b] = [(await toast.boundingBox())!, (await button.boundingBox())!];
      const overlaps = t.x < b.x + b.width && b.x < t.x + t.width && t.y < b.y + b.height && b.y < t.y + t.height;
      expect(overlaps, "the toast leaves the button uncovered").toBe(false);
      if (viewport.width >= 1024) {
        // On a wide screen toasts sit over the sidebar's empty lower part, clear of the page's right-hand
        // actions even at the bottom of the page (where a bottom-right toast covered the Delete button).
        const del = page.getByRole("button", { name: "Delete source" });
        await page.mouse.wheel(0, 5000);
        await expect(del).toBeInViewport();
        const d = (await del.boundingBox())!;
        const t2 = (await toast.boundingBox())!;
        expect(t2.x + t2.width <= d.x || d.y + d.height <= t2.y || t2.y + t2.height <= d.y).toBe(true);
      }
      await page.screenshot({ path: `test-results/screenshots/responsive/toast-${viewport.width}.png` });
    });
  }
});
