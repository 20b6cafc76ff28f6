import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import {
  api,
  sendBatch,
  spawnSluice,
  startReceiver,
  startSlowReceiver,
  type SluiceProcess,
} from "../fixtures/delivery";
import { freshDatabase } from "../fixtures/extra-server";
import { seedSource, sendCall } from "../fixtures/seed";
import { sessionCookieHeader, signIn } from "../fixtures/sign-in";

// The events API's journey (`outcomes`) and the live stream's outcome updates, through the production build
// with its worker: a Webhook destination with one action that takes the call and one whose trigger does not.
// Then the stream's access: another workspace's stream is refused, and a stream ends within a second of its
// App API key being revoked or its session signing out.

type Line = { actionName: string; status: string; reason: string | null; statusCode: number | null };

/** A source with a Webhook destination: "Orders" takes Order Completed, "Signups" only Signed Up. */
async function setUp(page: Page, url: string) {
  const { workspaceId, source } = await seedSource(page);
  const dest = await page.request.post(`/api/workspaces/${workspaceId}/destinations`, {
    data: { slug: "webhook", name: "Hook", settings: {}, sourceIds: [source.id] },
  });
  expect(dest.status()).toBe(201);
  const destinationId = (await dest.json()).id as string;
  for (const [name, event] of [
    ["Orders", "Order Completed"],
    ["Signups", "Signed Up"],
  ]) {
    const action = await page.request.post(`/api/workspaces/${workspaceId}/destinations/${destinationId}/actions`, {
      data: {
        actionKey: "send",
        name,
        trigger: `type = "track" and event = "${event}"`,
        mapping: { url, method: "POST", data: { id: { "@path": "$.messageId" } } },
      },
    });
    expect(action.status()).toBe(201);
  }
  return { workspaceId, source, destinationId };
}

async function eventIdOf(page: Page, workspaceId: string, messageId: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/workspaces/${workspaceId}/events?limit=50`);
      id = ((await res.json()).events as { id: string; messageId: string }[]).find(
        (e) => e.messageId === messageId,
      )?.id;
      return id;
    })
    .toBeTruthy();
  return id!;
}

/** An SSE stream read with fetch: its messages as they come, and when (and whether) it ended. */
async function openStream(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  const messages: { event: string; data: string }[] = [];
  let endedAt: number | null = null;
  const reading = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) messages.push({ event, data });
        }
      }
    } catch {
      // aborted
    }
    endedAt = Date.now();
  })();
  return { res, messages, ended: () => endedAt, reading };
}

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
test.afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

test("GET …/events/{id} has the call's outcomes, and the stream pushes them as the worker records them", async ({
  page,
  baseURL,
}) => {
  receiver = await startReceiver();
  const { workspaceId, source } = await setUp(page, receiver.url);
  const cookie = await sessionCookieHeader(page);
  const stream = await openStream(`${baseURL}/api/workspaces/${workspaceId}/events/stream`, { cookie });
  expect(stream.res.status).toBe(200);

  const messageId = `journey-${Date.now()}`;
  expect(await sendCall(page, source.writeKey, "track", { userId: "u1", event: "Order Completed", messageId })).toBe(
    200,
  );
  const eventId = await eventIdOf(page, workspaceId, messageId);

  // Pushed on the stream: the Orders delivery, delivered.
  await expect
    .poll(() =>
      stream.messages
        .filter((m) => m.event === "outcomes")
        .flatMap((m) => JSON.parse(m.data) as { eventId: string; status: string }[])
        .some((u) => u.eventId === eventId && u.status === "delivered"),
    )
    .toBe(true);

  const res = await page.request.get(`/api/workspaces/${workspaceId}/events/${eventId}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { id: string; messageId: string; outcomes: Line[] };
  expect(body.messageId).toBe(messageId);
  const byName = Object.fromEntries(body.outcomes.map((l) => [l.actionName, l]));
  expect(byName.Orders).toMatchObject({ status: "delivered", statusCode: 200 });
  expect(byName.Signups).toMatchObject({ status: "filtered", reason: "trigger" });

  const journeys = await page.request.get(`/api/workspaces/${workspaceId}/events/journeys?ids=${eventId},999999999`);
  expect(Object.keys((await journeys.json()).journeys)).toEqual([eventId]);
  expect((await page.request.get(`/api/workspaces/${workspaceId}/events/999999999`)).status()).toBe(404);

  // NDJSON export of the filtered calls.
  const exported = await page.request.get(`/api/workspaces/${workspaceId}/events/export?event=Order%20Completed`);
  expect(exported.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await exported.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => l.payload.messageId)).toEqual([messageId]);
});

// The bound is 1 s from the revocation; it is measured from the response that revoked (the key or the
// session is gone from the database by then), to the moment this test's reader sees the stream's end. The
// server re-checks access every 500 ms (lib/eventlog/stream.ts), so it ends within ~500 ms plus one check; the
// 200 ms on top of 1 s are for this test's own side (the response and the stream's last chunk travelling to
// it, its event loop getting to them while three streams are read at once), not the server's.
const STREAM_END_BOUND_MS = 1200;

test("the stream refuses another workspace, and ends within a second of revoking its key or signing out", async ({
  page,
  baseURL,
}) => {
  const { workspaceId } = await seedSource(page);
  // A workspace this key is not for (the owner's too: a key is refused anywhere but its own workspace).
  const other = {
    workspaceId: (await (await page.request.post("/api/workspaces", { data: { name: "Other" } })).json()).id,
  };
  const created = await page.request.post(`/api/workspaces/${workspaceId}/app-keys`, {
    data: { name: "stream reader", scope: "read" },
  });
  expect(created.status()).toBe(201);
  const key = (await created.json()) as { id: string; token: string };
  const bearer = { authorization: `Bearer ${key.token}` };

  const refused = await fetch(`${baseURL}/api/workspaces/${other.workspaceId}/events/stream`, { headers: bearer });
  expect(refused.status).toBe(404);

  const byKey = await openStream(`${baseURL}/api/workspaces/${workspaceId}/events/stream`, bearer);
  const outcomesByKey = await openStream(`${baseURL}/api/workspaces/${workspaceId}/deliveries/stream`, bearer);
  expect(byKey.res.status).toBe(200);
  expect(outcomesByKey.res.status).toBe(200);
  // Let a few access checks pass first, so the revocation lands anywhere in the 500 ms check cycle.
  await page.waitForTimeout(700);
  const revoked = await page.request.delete(`/api/workspaces/${workspaceId}/app-keys/${key.id}`);
  const revokedAt = Date.now();
  expect(revoked.status()).toBe(200);
  await Promise.all([byKey.reading, outcomesByKey.reading]);
  const keyEndMs = byKey.ended()! - revokedAt;
  const outcomesEndMs = outcomesByKey.ended()! - revokedAt;
  console.log(`streams ended ${keyEndMs} ms (events) and ${outcomesEndMs} ms (outcomes) after the key was revoked`);
  expect(keyEndMs).toBeLessThanOrEqual(STREAM_END_BOUND_MS);
  expect(outcomesEndMs).toBeLessThanOrEqual(STREAM_END_BOUND_MS);

  const cookie = await sessionCookieHeader(page);
  const bySession = await openStream(`${baseURL}/api/workspaces/${workspaceId}/events/stream`, { cookie });
  const outcomesBySession = await openStream(`${baseURL}/api/workspaces/${workspaceId}/deliveries/stream`, {
    cookie,
  });
  expect(bySession.res.status).toBe(200);
  expect(outcomesBySession.res.status).toBe(200);
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()).csrfToken as string;
  await page.waitForTimeout(700);
  await page.request.post("/api/auth/signout", { form: { csrfToken: csrf, callbackUrl: "/login" } });
  const signedOutAt = Date.now();
  await Promise.all([bySession.reading, outcomesBySession.reading]);
  const sessionEndMs = bySession.ended()! - signedOutAt;
  const outcomesSessionEndMs = outcomesBySession.ended()! - signedOutAt;
  console.log(`streams ended ${sessionEndMs} ms (events) and ${outcomesSessionEndMs} ms (outcomes) after signing out`);
  expect(sessionEndMs).toBeLessThanOrEqual(STREAM_END_BOUND_MS);
  expect(outcomesSessionEndMs).toBeLessThanOrEqual(STREAM_END_BOUND_MS);
});

test.describe("with the worker in a process of its own", () => {
  test.describe.configure({ timeout: 180_000 });
  const processes: SluiceProcess[] = [];
  let drop: () => Promise<void> = async () => {};
  test.afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill("SIGKILL")));
    await drop();
  });

  test("a web process streams the outcomes a separate worker records (PostgreSQL NOTIFY)", async ({ page }) => {
    test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (PostgreSQL)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-outcomes-"));
    const database = await freshDatabase(dir);
    drop = database.drop;
    const admin = { email: "outcomes@example.test", password: "outcomes e2e password" };
    const env = {
      DATABASE_URL: database.url,
      SLUICE_DATA_DIR: dir,
      NEXTAUTH_SECRET: "outcomes-e2e-secret",
      SLUICE_ENCRYPTION_KEY: "outcomes-e2e-encryption-key-long-enough",
      SLUICE_ADMIN_EMAIL: admin.email,
      SLUICE_ADMIN_PASSWORD: admin.password,
      SLUICE_ALLOW_PRIVATE_DESTINATIONS: "true",
    };
    const port = Number(process.env.E2E_PORT ?? 3210) + 9;
    const base = `http://127.0.0.1:${port}`;
    processes.push(await spawnSluice({ ...env, SLUICE_WORKER: "0" }, { port }));
    const hook = await startSlowReceiver(0);
    await signIn(page, admin, base);
    const cookie = await sessionCookieHeader(page);
    const call = api(base, cookie);
    const { body: list } = await call("GET", "/api/workspaces");
    const workspaceId = (list.workspaces ?? list)[0].id as string;
    const src = await call("POST", `/api/workspaces/${workspaceId}/sources`, {
      type: "nodejs",
      name: "Server",
      connectJourneys: false,
    });
    const dest = await call("POST", `/api/workspaces/${workspaceId}/destinations`, {
      slug: "webhook",
      name: "Hook",
      settings: {},
      sourceIds: [src.body.id],
    });
    await call("POST", `/api/workspaces/${workspaceId}/destinations/${dest.body.id}/actions`, {
      actionKey: "send",
      name: "All tracks",
      trigger: 'type = "track"',
      mapping: { url: hook.url, method: "POST", data: { "@path": "$." } },
    });
    processes.push(await spawnSluice(env, { worker: true }));
    const stream = await openStream(`${base}/api/workspaces/${workspaceId}/events/stream`, { cookie });
    const dataOut = await openStream(
      `${base}/api/workspaces/${workspaceId}/deliveries/stream?destinationId=${dest.body.id}`,
      { cookie },
    );
    expect(stream.res.status).toBe(200);
    const [messageId] = await sendBatch(base, src.body.writeKey, 1, "split");
    await expect.poll(() => hook.messageIds, { timeout: 30_000 }).toContain(messageId);
    const delivered = (s: Awaited<ReturnType<typeof openStream>>) =>
      s.messages
        .filter((m) => m.event === "outcomes")
        .flatMap((m) => JSON.parse(m.data) as { status: string; destinationId: string }[])
        .filter((u) => u.status === "delivered" && u.destinationId === dest.body.id).length;
    await expect.poll(() => delivered(stream)).toBe(1);
    await expect.poll(() => delivered(dataOut)).toBe(1);
    await stream.res.body?.cancel().catch(() => undefined);
    await dataOut.res.body?.cancel().catch(() => undefined);
    await hook.close();
  });
});
