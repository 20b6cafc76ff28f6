import { expect, test } from "@playwright/test";
import { owner } from "../fixtures/owner";
import { sessionCookieHeader, signInAsOwner } from "../fixtures/sign-in";

test("health answers 200 with the database kind", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true, kind: "sqlite" } });
});

test("setup is refused once an owner exists", async ({ request }) => {
  const res = await request.post("/api/setup", {
    data: { email: "intruder@example.test", password: "long enough", workspaceName: "Mine" },
  });
  expect(res.status()).toBe(409);
  expect((await res.json()).error.message).toMatch(/already set up/);
});

test("anonymous callers get 401, unknown workspaces 404, with the error envelope", async ({ page }) => {
  expect((await page.request.get("/api/workspaces")).status()).toBe(401);
  await signInAsOwner(page);
  const list = await page.request.get("/api/workspaces");
  expect(list.status()).toBe(200);
  const { workspaces } = await list.json();
  expect(workspaces.map((w: { name: string }) => w.name)).toContain(owner.workspace);

  const missing = await page.request.get("/api/workspaces/does-not-exist");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: { code: "not_found", message: "Workspace not found" } });

  const invalid = await page.request.patch(`/api/workspaces/${workspaces[0].id}`, { data: { name: "" } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).error.details.fields.name).toEqual(["Enter a name"]);
});

test("signing out ends the session on the server: its open live stream ends and a copied cookie gets 401", async ({
  page,
  baseURL,
}) => {
  const workspaceId = await signInAsOwner(page);
  const cookie = await sessionCookieHeader(page);
  const stream = await fetch(`${baseURL}/api/workspaces/${workspaceId}/events/stream`, { headers: { cookie } });
  expect(stream.status).toBe(200);
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  expect((await reader.read()).value).toMatch(/^retry: /);

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The next read is the end of the stream (heartbeats are 15 s apart, so nothing else can arrive first).
  expect(await reader.read()).toEqual({ done: true, value: undefined });
  const replayed = await fetch(`${baseURL}/api/workspaces/${workspaceId}/events`, { headers: { cookie } });
  expect(replayed.status).toBe(401);
  const pageWithOldCookie = await fetch(`${baseURL}/${workspaceId}/connections`, {
    headers: { cookie },
    redirect: "manual",
  });
  expect(pageWithOldCookie.status).toBe(307);
  expect(pageWithOldCookie.headers.get("location")).toMatch(/\/login/);
});
