import { expect, test, type Page } from "@playwright/test";
import { seedSource } from "../fixtures/seed";
import { signInAsOwner } from "../fixtures/sign-in";
import { serveTestPages, type TestPageServer } from "../fixtures/test-page-server";
import { baseURL } from "../../playwright.config";

// A page on another port of the same host is same-site to Sluice: the browser sends Sluice's session cookie
// (SameSite=Lax) with the forms and no-cors fetches it fires. Each must be refused and change nothing.
let attacker: TestPageServer;
let workspaceId: string;
let source: { id: string; writeKey: string };

const autoSubmit = (action: string, enctype: string, fields: Record<string, string>) => `<!doctype html>
<form method="POST" action="${action}" enctype="${enctype}">
${Object.entries(fields)
  .map(([name, value]) => `<input type="hidden" name='${name}' value='${value}'>`)
  .join("\n")}
</form><script>document.forms[0].submit()</script>`;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  ({ workspaceId, source } = await seedSource(page));
  await page.close();
  const api = `${baseURL}/api/workspaces/${workspaceId}`;
  attacker = await serveTestPages({
    // text/plain: name + "=" + value, so the body reads as the JSON `{"email":…,"role":"owner","x":"="}`.
    "/plain-invite": {
      body: autoSubmit(`${api}/invites`, "text/plain", {
        '{"email":"attacker@evil.test","role":"owner","x":"': '"}',
      }),
    },
    "/plain-rotate": { body: autoSubmit(`${api}/sources/${source.id}/rotate-key`, "text/plain", { a: "b" }) },
    "/urlencoded-invite": {
      body: autoSubmit(`${api}/invites`, "application/x-www-form-urlencoded", {
        email: "attacker@evil.test",
        role: "owner",
      }),
    },
    "/multipart-source": {
      body: autoSubmit(`${api}/sources`, "multipart/form-data", { type: "nodejs", name: "Planted" }),
    },
    "/fetch-invite": {
      body: `<!doctype html><script>
fetch(${JSON.stringify(`${api}/invites`)}, { method: "POST", mode: "no-cors", credentials: "include",
  headers: { "content-type": "text/plain" }, body: JSON.stringify({ email: "attacker@evil.test", role: "owner" }) });
</script>`,
    },
  });
});

test.afterAll(async () => attacker?.close());

async function visitAndGetStatus(page: Page, path: string, target: RegExp): Promise<number> {
  const response = page.waitForResponse((r) => target.test(r.url()) && r.request().method() === "POST");
  await page.goto(`${attacker.origin}${path}`);
  return (await response).status();
}

async function state(page: Page) {
  const src = await (await page.request.get(`/api/workspaces/${workspaceId}/sources/${source.id}`)).json();
  const members = await (await page.request.get(`/api/workspaces/${workspaceId}/members`)).json();
  const sources = await (await page.request.get(`/api/workspaces/${workspaceId}/sources`)).json();
  return { writeKey: src.writeKey as string, invites: members.invites.length as number, sources };
}

test("same-site forms and no-cors fetches cannot change anything with the session cookie", async ({ page }) => {
  await signInAsOwner(page);
  const before = await state(page);
  expect(before.writeKey).toBe(source.writeKey);

  const cases: [string, RegExp][] = [
    ["/plain-invite", /\/invites$/],
    ["/plain-rotate", /\/rotate-key$/],
    ["/urlencoded-invite", /\/invites$/],
    ["/multipart-source", /\/sources$/],
    ["/fetch-invite", /\/invites$/],
  ];
  for (const [path, target] of cases) {
    const status = await visitAndGetStatus(page, path, target);
    expect(status, path).toBe(403);
  }
  expect(await state(page)).toEqual(before);
});

test("a cookie-authenticated request from another origin is refused with a message; Sluice's own UI works", async ({
  page,
}) => {
  await signInAsOwner(page);
  // A navigation to Sluice's page gives its own origin; its fetches send JSON with that Origin and work.
  await page.goto("/");
  const own = await page.evaluate(async (url) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    return res.status;
  }, `/api/workspaces/${workspaceId}/sources/${source.id}/rotate-key`);
  expect(own).toBe(200);

  // page.request carries the browser context's session cookie.
  const headers = { "content-type": "application/json" };
  const foreign = await page.request.post(`/api/workspaces/${workspaceId}/invites`, {
    headers: { ...headers, origin: attacker.origin },
    data: { email: "attacker@evil.test", role: "owner" },
  });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.message).toMatch(/another site/i);
  const sameSite = await page.request.post(`/api/workspaces/${workspaceId}/invites`, {
    headers: { ...headers, "sec-fetch-site": "same-site" },
    data: { email: "attacker@evil.test", role: "owner" },
  });
  expect(sameSite.status()).toBe(403);
  const notJson = await page.request.post(`/api/workspaces/${workspaceId}/invites`, {
    headers: { ...headers, "content-type": "text/plain" },
    data: JSON.stringify({ email: "attacker@evil.test", role: "owner" }),
  });
  expect(notJson.status()).toBe(415);
  expect((await notJson.json()).error.code).toBe("unsupported_media_type");
  expect((await state(page)).invites).toBe(0);
});
