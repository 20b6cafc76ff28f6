import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { seedSource, sendCall } from "../fixtures/seed";
import { serveTestPages } from "../fixtures/test-page-server";
import { baseURL } from "../../playwright.config";

// Security headers on every door: pages (a nonce-based Content-Security-Policy Next applies to its own inline
// scripts), the management API, and ingest (server.js's fast path and Next's route handlers) with its CORS.
function expectCommonHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(h["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(h["strict-transport-security"]).toBeUndefined(); // plain http, no trusted proxy
  return h;
}

test("pages, the management API and both ingest doors send the security headers", async ({ page }) => {
  const { workspaceId, source } = await seedSource(page);

  const login = await page.request.get("/login");
  const pageCsp = expectCommonHeaders(login)["content-security-policy"]!;
  expect(pageCsp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'/);
  expect(pageCsp).not.toMatch(/script-src[^;]*unsafe/);
  const nonce = /'nonce-([^']+)'/.exec(pageCsp)![1]!;
  expect(await login.text()).toContain(`nonce="${nonce}"`); // Next put the nonce on its inline scripts
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce); // a fresh nonce per response

  const api = await page.request.get(`/api/workspaces/${workspaceId}/sources`);
  expect(api.status()).toBe(200);
  expect(expectCommonHeaders(api)["content-security-policy"]).toMatch(/default-src 'none'/);

  // server.js's fast path answers POST /v1/*; CORS stays as ingest needs it.
  const track = await page.request.post("/v1/t", {
    headers: {
      authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`,
      origin: "https://shop.example",
    },
    data: { userId: "u1", event: "Headers" },
  });
  expect(track.status()).toBe(200);
  expect(expectCommonHeaders(track)["access-control-allow-origin"]).toBeTruthy();
  // Next's route handlers serve the CDN settings and the analytics.js loader.
  const settings = await page.request.get(`/v1/projects/${source.writeKey}/settings`, {
    headers: { origin: "https://shop.example" },
  });
  expect(settings.status()).toBe(200);
  expect(expectCommonHeaders(settings)["access-control-allow-origin"]).toBeTruthy();
  const loader = await page.request.get(`/v1/analytics-js/snippet/${source.writeKey}/analytics.min.js`);
  expect(loader.status()).toBe(200);
  expect(expectCommonHeaders(loader)["content-type"]).toMatch(/javascript/);
  // A client-sent Content-Security-Policy request header cannot choose the nonce Next uses.
  const forged = await page.request.get("/login", {
    headers: { "content-security-policy": "script-src 'nonce-attacker'" },
  });
  expect(await forged.text()).not.toContain('nonce="attacker"');
});

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Refused to (CSP) ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return violations;
}

test("the main pages and the live debugger run under the policy without violations", async ({ page }) => {
  const violations = await watchViolations(page);
  const { workspaceId, source } = await seedSource(page);
  for (const path of [
    "/login",
    `/${workspaceId}/connections`,
    `/${workspaceId}/sources`,
    `/${workspaceId}/sources/${source.id}`,
    `/${workspaceId}/settings/general`,
    `/${workspaceId}/settings/api-credentials`,
    `/${workspaceId}/settings/members`,
    "/no/such/page", // Next's prerendered 404 page: its inline scripts are allowed by hash
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto(`/${workspaceId}/debugger`);
  await expect(page.getByTestId("feed-state")).toContainText("Live");
  expect(await sendCall(page, source.writeKey, "track", { userId: "u-csp", event: "Under CSP" })).toBe(200);
  await expect(page.getByTestId("event-row").filter({ hasText: "Under CSP" })).toHaveCount(1);
  // Client-side navigation (RSC fetches) works too.
  await page.getByRole("link", { name: "Sources" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${workspaceId}/sources$`));
  expect(violations).toEqual([]);
});

test("another site cannot frame a signed-in settings page", async ({ page }) => {
  const { workspaceId } = await seedSource(page);
  const framer = await serveTestPages({
    "/frame": { body: `<!doctype html><iframe src="${baseURL}/${workspaceId}/settings/general"></iframe>` },
  });
  try {
    await page.goto(`${framer.origin}/frame`);
    const child = page.frames().find((f) => f !== page.mainFrame())!;
    // Chromium replaces a frame it refuses to show with its error page.
    await expect.poll(() => child.url()).toMatch(/^chrome-error:/);
    expect(await child.locator("text=Settings").count()).toBe(0);
  } finally {
    await framer.close();
  }
});
