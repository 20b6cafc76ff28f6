import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { api, failMarkedOrders, spawnSluice, startReceiver, type SluiceProcess } from "../fixtures/delivery";
import { freshDatabase } from "../fixtures/extra-server";
import { seedSource } from "../fixtures/seed";
import { sessionCookieHeader, signIn } from "../fixtures/sign-in";

// Metrics through the production build: a scripted load — N tracks the receiver accepts (200), M it refuses
// (400), K identify calls the action's trigger filters, R calls ingest rejects — then the metrics API's counts
// equal N, M, K and R exactly: for the destination (in every range), the source and the workspace. On the e2e
// server's SQLite, and on PostgreSQL (a second Sluice) when TEST_DATABASE_URL is set.

const MAIN_BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const N = 12;
const M = 5;
const K = 7;
const R = 2;

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function ingest(base: string, writeKey: string, kind: string, body: unknown, strict = false) {
  const res = await fetch(`${base}/v1/${kind}`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
      "content-type": "application/json",
      ...(strict ? { "x-strict-mode": "1" } : {}),
    },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** Makes the destination and action, runs the load, and checks every scope's counts. */
async function loadAndCheck(call: Call, base: string, workspaceId: string, source: { id: string; writeKey: string }) {
  const receiver = await startReceiver(failMarkedOrders);
  try {
    const dest = await call("POST", `/api/workspaces/${workspaceId}/destinations`, {
      slug: "webhook",
      name: "Metrics hook",
      settings: {},
      sourceIds: [source.id],
    });
    expect(dest.status).toBe(201);
    const destinationId = dest.body.id as string;
    const action = await call("POST", `/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
      actionKey: "send",
      name: "Orders",
      trigger: 'type = "track"',
      mapping: { url: receiver.url, method: "POST", data: { "@path": "$." } },
    });
    expect(action.status).toBe(201);

    const batch = [
      ...Array.from({ length: N }, (_, i) => ({ type: "track", event: "Order Completed", userId: `u${i}` })),
      ...Array.from({ length: M }, (_, i) => ({
        type: "track",
        event: "Order Refunded",
        userId: `f${i}`,
        properties: { fail: true },
      })),
      ...Array.from({ length: K }, (_, i) => ({ type: "identify", userId: `i${i}`, traits: { plan: "pro" } })),
    ];
    expect(await ingest(base, source.writeKey, "batch", { batch })).toBe(200);
    for (let i = 0; i < R; i++)
      expect(await ingest(base, source.writeKey, "track", { event: "No one" }, true)).toBe(400);

    const metrics = (query: string) => call("GET", `/api/workspaces/${workspaceId}/metrics?${query}`);
    await expect
      .poll(async () => (await metrics(`scope=destination&id=${destinationId}&range=1h`)).body.totals, {
        timeout: 30_000,
      })
      .toEqual({ delivered: N, failed: M, dead: 0, retrying: 0, filtered: K });
    for (const range of ["24h", "7d"]) {
      const { status, body } = await metrics(`scope=destination&id=${destinationId}&range=${range}`);
      expect(status).toBe(200);
      expect(body.totals).toEqual({ delivered: N, failed: M, dead: 0, retrying: 0, filtered: K });
      expect(body.series.reduce((n: number, p: { failed: number }) => n + p.failed, 0)).toBe(M);
      expect(body.latency.count).toBe(N);
      expect(body.latency.p95).toBeGreaterThanOrEqual(body.latency.p50);
      expect(body.topErrors).toEqual([expect.objectContaining({ count: M, destinationId })]);
    }

    // Ingest counts come from the worker's pass over the event log, a moment later.
    await expect
      .poll(async () => (await metrics(`scope=source&id=${source.id}&range=24h`)).body.totals, { timeout: 30_000 })
      .toEqual({ received: N + M + K + R, accepted: N + M + K, rejected: R });
    const src = (await metrics(`scope=source&id=${source.id}&range=7d`)).body;
    expect(src.byType).toEqual([
      { type: "track", received: N + M + R, accepted: N + M, rejected: R },
      { type: "identify", received: K, accepted: K, rejected: 0 },
    ]);
    expect(src.topEvents).toEqual([
      { type: "track", name: "Order Completed", count: N },
      { type: "track", name: "Order Refunded", count: M },
    ]);
    expect(src.delivery).toEqual({ delivered: N, failed: M, dead: 0, retrying: 0 });

    const ws = (await metrics("scope=workspace&range=24h")).body;
    expect(ws.sources).toEqual([{ sourceId: source.id, received: N + M + K + R, accepted: N + M + K, rejected: R }]);
    expect(ws.destinations).toEqual([
      expect.objectContaining({ destinationId, delivered: N, failed: M, dead: 0, retrying: 0, filtered: K }),
    ]);
    expect(ws.connections).toEqual([
      { sourceId: source.id, destinationId, delivered: N, failed: M, dead: 0, retrying: 0 },
    ]);
    return { destinationId };
  } finally {
    await receiver.close();
  }
}

test("after a scripted load the metrics API counts exactly N delivered, M failed, K filtered, R rejected", async ({
  page,
}) => {
  const { workspaceId, source } = await seedSource(page, "nodejs", "Metrics server");
  const viaPage: Call = async (method, url, body) => {
    const res = await page.request.fetch(url, { method, data: body });
    const text = await res.text();
    return { status: res.status(), body: text ? JSON.parse(text) : undefined };
  };
  await loadAndCheck(viaPage, MAIN_BASE, workspaceId, source);
});

test("the metrics API checks its input and the workspace", async ({ page }) => {
  const { workspaceId, source } = await seedSource(page);
  const get = (q: string) => page.request.get(`/api/workspaces/${workspaceId}/metrics?${q}`);
  expect((await get("scope=destination&range=24h")).status()).toBe(422); // no id
  expect((await get("scope=planet&range=24h")).status()).toBe(422);
  expect((await get(`scope=source&id=${source.id}&range=30d`)).status()).toBe(422);
  expect((await get("scope=destination&id=nope&range=24h")).status()).toBe(404);
  const otherWs = (await (await page.request.post("/api/workspaces", { data: { name: "Other" } })).json()).id;
  const other = await page.request.post(`/api/workspaces/${otherWs}/sources`, {
    data: { type: "nodejs", name: "B", connectJourneys: false },
  });
  expect((await get(`scope=source&id=${(await other.json()).id}&range=24h`)).status()).toBe(404);
  expect((await page.request.get(`/api/workspaces/not-mine/metrics?scope=workspace`)).status()).toBe(404);
  const anonymous = await fetch(`${MAIN_BASE}/api/workspaces/${workspaceId}/metrics?scope=workspace`);
  expect(anonymous.status).toBe(401);
});

test.describe("on PostgreSQL", () => {
  test.describe.configure({ timeout: 120_000 });
  let proc: SluiceProcess | null = null;
  let drop: () => Promise<void> = async () => {};
  test.afterEach(async () => {
    await proc?.kill("SIGKILL");
    await drop();
  });

  test("the same load, the same exact counts", async ({ page }) => {
    test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (PostgreSQL)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-metrics-"));
    const db = await freshDatabase(dir);
    drop = db.drop;
    const port = Number(process.env.E2E_PORT ?? 3210) + 9;
    const admin = { email: "metrics@example.test", password: "metrics e2e password" };
    proc = await spawnSluice(
      {
        DATABASE_URL: db.url,
        SLUICE_DATA_DIR: dir,
        NEXTAUTH_SECRET: "metrics-e2e-secret",
        SLUICE_ENCRYPTION_KEY: "metrics-e2e-encryption-key-long-enough",
        SLUICE_ADMIN_EMAIL: admin.email,
        SLUICE_ADMIN_PASSWORD: admin.password,
        SLUICE_ALLOW_PRIVATE_DESTINATIONS: "true",
      },
      { port },
    );
    const base = `http://127.0.0.1:${port}`;
    await signIn(page, admin, base);
    const call = api(base, await sessionCookieHeader(page));
    await page.context().clearCookies();
    const { body: list } = await call("GET", "/api/workspaces");
    const workspaceId = (list.workspaces ?? list)[0].id as string;
    const src = await call("POST", `/api/workspaces/${workspaceId}/sources`, {
      type: "nodejs",
      name: "Server",
      connectJourneys: false,
    });
    expect(src.status).toBe(201);
    await loadAndCheck(call, base, workspaceId, src.body);
  });
});
