import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { api, sendBatch, spawnSluice, startSlowReceiver, type SluiceProcess } from "../fixtures/delivery";
import { freshDatabase } from "../fixtures/extra-server";
import { seedSource, sendCall } from "../fixtures/seed";
import { sessionCookieHeader, signIn } from "../fixtures/sign-in";

// Delivery through the production build: a track call ingested by `npm start` reaches a Webhook receiver
// signed; a Sluice killed with SIGKILL mid-delivery (all-in-one, or a separate `npm run worker`) loses nothing
// after a restart; on PostgreSQL a second worker takes over a killed one's destinations.

const BASE_PORT = Number(process.env.E2E_PORT ?? 3210) + 5;
const admin = { email: "delivery@example.test", password: "delivery e2e password" };

test("a track call through ingest reaches the Webhook receiver with the mapped body and a valid X-Signature", async ({
  page,
}) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => (received.push({ headers: req.headers, body }), res.writeHead(200).end("{}")));
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const { workspaceId, source } = await seedSource(page);
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Orders hook", settings: { sharedSecret: "e2e-secret" }, sourceIds: [source.id] },
  });
  expect(dest.status()).toBe(201);
  const destinationId = (await dest.json()).id as string;
  const action = await page.request.post(`/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
    data: {
      actionKey: "send",
      name: "Orders",
      trigger: 'type = "track" and event = "Order Completed"',
      mapping: { url, method: "POST", data: { order: { "@path": "$.properties" }, user: { "@path": "$.userId" } } },
    },
  });
  expect(action.status()).toBe(201);
  expect(
    await sendCall(page, source.writeKey, "track", {
      userId: "u-e2e",
      event: "Order Completed",
      properties: { total: 42 },
    }),
  ).toBe(200);
  expect(await sendCall(page, source.writeKey, "track", { userId: "u-e2e", event: "Page Viewed" })).toBe(200);
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
  const [hit] = received;
  expect(JSON.parse(hit!.body)).toEqual({ order: { total: 42 }, user: "u-e2e" });
  expect(hit!.headers["x-signature"]).toBe(crypto.createHmac("sha1", "e2e-secret").update(hit!.body).digest("hex"));
  const list = await page.request.get(`/api/workspaces/${workspaceId}/deliveries?destinationId=${destinationId}`);
  await expect
    .poll(
      async () =>
        (
          await (
            await page.request.get(`/api/workspaces/${workspaceId}/deliveries?destinationId=${destinationId}`)
          ).json()
        ).deliveries[0]?.status,
    )
    .toBe("delivered");
  expect(list.status()).toBe(200);
  const summary = await page.request.get(
    `/api/workspaces/${workspaceId}/deliveries/summary?destinationId=${destinationId}`,
  );
  expect((await summary.json()).filtered).toBe(1); // the Page Viewed call, counted, not stored per event
  await new Promise<void>((r) => receiver.close(() => r()));
});

/** Signs in on `base`, makes a source and a Webhook destination to `url`; returns the write key and ids. */
async function setUpDelivery(page: Page, base: string, url: string, name = "Hook") {
  await signIn(page, admin, base);
  const call = api(base, await sessionCookieHeader(page));
  await page.context().clearCookies(); // the next Sluice (another database) gets its own session
  const { body: list } = await call("GET", "/api/workspaces");
  const workspaceId = (list.workspaces ?? list)[0].id as string;
  const src = await call("POST", `/api/workspaces/${workspaceId}/sources`, {
    type: "nodejs",
    name: "Server",
    connectJourneys: false,
  });
  const dest = await call("POST", `/api/workspaces/${workspaceId}/destinations`, {
    slug: "webhook",
    name,
    settings: {},
    sourceIds: [src.body.id],
  });
  expect(dest.status).toBe(201);
  const act = await call("POST", `/api/workspaces/${workspaceId}/destinations/${dest.body.id}/actions`, {
    actionKey: "send",
    name: "All tracks",
    trigger: 'type = "track"',
    mapping: { url, method: "POST", data: { "@path": "$." } },
  });
  expect(act.status).toBe(201);
  return {
    call,
    workspaceId,
    writeKey: src.body.writeKey as string,
    destinationId: dest.body.id as string,
    sourceId: src.body.id as string,
  };
}

function baseEnv(databaseUrl: string, dir: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SLUICE_DATA_DIR: dir,
    NEXTAUTH_SECRET: "delivery-e2e-secret",
    SLUICE_ENCRYPTION_KEY: "delivery-e2e-encryption-key-long-enough",
    SLUICE_ADMIN_EMAIL: admin.email,
    SLUICE_ADMIN_PASSWORD: admin.password,
    SLUICE_ALLOW_PRIVATE_DESTINATIONS: "true",
    SLUICE_RETRY_BASE_MS: "200",
    SLUICE_RETRY_CAP_MS: "1000",
    SLUICE_WORKER_LEASE_MS: "3000",
    // One delivery at a time, so a kill lands while most of a batch is still to be delivered, however fast the
    // machine (at the default 10, a quiet machine delivered all 60 before the kill).
    SLUICE_DELIVERY_CONCURRENCY: "1",
  };
}

async function everyDelivered(messageIds: string[], received: string[], timeout = 60_000) {
  await expect
    .poll(() => messageIds.filter((m) => !received.includes(m)).length, { timeout, intervals: [250] })
    .toBe(0);
}

test.describe("crash safety", () => {
  test.describe.configure({ timeout: 240_000 });
  const processes: SluiceProcess[] = [];
  let drop: () => Promise<void> = async () => {};
  test.afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill("SIGKILL")));
    await drop();
  });

  async function database() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-delivery-"));
    const db = await freshDatabase(dir);
    drop = db.drop;
    return { dir, url: db.url };
  }

  test("SIGKILL the all-in-one server mid-delivery, restart: every event delivered at least once", async ({ page }) => {
    const { dir, url } = await database();
    const env = baseEnv(url, dir);
    const receiver = await startSlowReceiver(150);
    const port = BASE_PORT;
    processes.push(await spawnSluice(env, { port }));
    const base = `http://127.0.0.1:${port}`;
    const t = await setUpDelivery(page, base, receiver.url);
    const ids = await sendBatch(base, t.writeKey, 60, "aio");
    await expect.poll(() => receiver.messageIds.length, { timeout: 20_000 }).toBeGreaterThan(3);
    await processes.pop()!.kill("SIGKILL");
    const before = receiver.messageIds.length;
    expect(before).toBeLessThan(60); // killed while deliveries were in flight
    processes.push(await spawnSluice(env, { port }));
    await everyDelivered(ids, receiver.messageIds);
    await receiver.close();
  });

  test("SIGTERM mid-delivery: the server exits on its own, and after a restart every event is delivered", async ({
    page,
  }) => {
    const { dir, url } = await database();
    const env = baseEnv(url, dir);
    const receiver = await startSlowReceiver(300);
    const port = BASE_PORT + 3;
    const server = await spawnSluice(env, { port });
    processes.push(server);
    const base = `http://127.0.0.1:${port}`;
    const t = await setUpDelivery(page, base, receiver.url);
    const ids = await sendBatch(base, t.writeKey, 40, "term");
    await expect.poll(() => receiver.messageIds.length, { timeout: 20_000 }).toBeGreaterThan(3);
    server.child.kill("SIGTERM");
    await expect.poll(() => server.child.exitCode, { timeout: 15_000 }).toBe(0); // graceful, not killed
    processes.push(await spawnSluice(env, { port }));
    await everyDelivered(ids, receiver.messageIds);
    await receiver.close();
  });

  test("SIGKILL the separate worker process mid-delivery, restart it: every event delivered at least once", async ({
    page,
  }) => {
    const { dir, url } = await database();
    const env = baseEnv(url, dir);
    const receiver = await startSlowReceiver(150);
    const port = BASE_PORT + 1;
    processes.push(await spawnSluice({ ...env, SLUICE_WORKER: "0" }, { port }));
    const base = `http://127.0.0.1:${port}`;
    const t = await setUpDelivery(page, base, receiver.url);
    const worker = await spawnSluice(env, { worker: true });
    const ids = await sendBatch(base, t.writeKey, 60, "wrk");
    await expect.poll(() => receiver.messageIds.length, { timeout: 30_000 }).toBeGreaterThan(3);
    await worker.kill("SIGKILL");
    expect(receiver.messageIds.length).toBeLessThan(60);
    // The web process delivers nothing itself (SLUICE_WORKER=0): nothing moves until a worker runs again.
    processes.push(await spawnSluice(env, { worker: true }));
    await everyDelivered(ids, receiver.messageIds);
    await receiver.close();
  });

  test("two workers on PostgreSQL, one killed: the other takes over its destinations and finishes", async ({
    page,
  }) => {
    test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (PostgreSQL)");
    const { dir, url } = await database();
    const env = baseEnv(url, dir);
    const receivers = [await startSlowReceiver(100), await startSlowReceiver(100)];
    const port = BASE_PORT + 2;
    processes.push(await spawnSluice({ ...env, SLUICE_WORKER: "0" }, { port }));
    const base = `http://127.0.0.1:${port}`;
    const t = await setUpDelivery(page, base, receivers[0]!.url, "First");
    const second = await t.call("POST", `/api/workspaces/${t.workspaceId}/destinations`, {
      slug: "webhook",
      name: "Second",
      settings: {},
      sourceIds: [t.sourceId],
    });
    await t.call("POST", `/api/workspaces/${t.workspaceId}/destinations/${second.body.id}/actions`, {
      actionKey: "send",
      name: "All tracks",
      trigger: 'type = "track"',
      mapping: { url: receivers[1]!.url, method: "POST", data: { "@path": "$." } },
    });
    const a = await spawnSluice(env, { worker: true });
    processes.push(a);
    processes.push(await spawnSluice(env, { worker: true }));
    const ids = await sendBatch(base, t.writeKey, 60, "pg");
    await expect
      .poll(() => receivers[0]!.messageIds.length + receivers[1]!.messageIds.length, { timeout: 30_000 })
      .toBeGreaterThan(6);
    await a.kill("SIGKILL");
    for (const r of receivers) await everyDelivered(ids, r.messageIds);
    for (const r of receivers) await r.close();
  });
});
