import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freshDatabase, startServer, type ExtraServer } from "../fixtures/extra-server";
import { sessionCookieHeader, signIn } from "../fixtures/sign-in";

// Scale-out: two Sluice web processes on one PostgreSQL database, as behind a load balancer. A call ingested
// by either process reaches the live debugger stream of both, in the same (id) order, each once; a session
// signed out on one process is refused by the other at once. Needs TEST_DATABASE_URL (CI sets it).
const PORT = Number(process.env.E2E_PORT ?? 3210) + 2;
const admin = { email: "scale@example.test", password: "scale-out password" };

test.skip(!process.env.TEST_DATABASE_URL, "scale-out runs on PostgreSQL: set TEST_DATABASE_URL");

let servers: ExtraServer[] = [];
let dropDatabase: () => Promise<void> = async () => {};

test.beforeAll(async () => {
  const database = await freshDatabase(fs.mkdtempSync(path.join(os.tmpdir(), "sluice-scale-")));
  dropDatabase = database.drop;
  const env = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "scale-out-secret",
    SLUICE_ENCRYPTION_KEY: "scale-out-encryption-key-of-enough-length",
    SLUICE_ADMIN_EMAIL: admin.email,
    SLUICE_ADMIN_PASSWORD: admin.password,
  };
  servers = await Promise.all([startServer(PORT, env), startServer(PORT + 1, env)]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await dropDatabase();
});

/** The ids of the calls a debugger stream delivers, as they arrive. */
async function openStream(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  expect(res.status).toBe(200);
  const ids: string[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (let buffer = ""; ;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const id = /^id: (\d+)$/m.exec(buffer.slice(0, end))?.[1];
        if (id) ids.push(id);
        buffer = buffer.slice(end + 2);
      }
    }
  })();
  return { ids, close: () => reader.cancel() };
}

test("both processes' live streams show every call, whichever process ingested it, in one order", async ({ page }) => {
  const [a, b] = servers as [ExtraServer, ExtraServer];
  await signIn(page, admin, a.base); // the session cookie works on every process
  const cookie = await sessionCookieHeader(page);
  const { workspaces } = await (await page.request.get(`${b.base}/api/workspaces`)).json();
  const workspaceId = workspaces[0].id as string;
  const created = await page.request.post(`${a.base}/api/workspaces/${workspaceId}/sources`, {
    data: { type: "nodejs", name: "Checkout server", connectJourneys: false },
  });
  const { writeKey } = await created.json();

  const stream = `/api/workspaces/${workspaceId}/events/stream?lastEventId=0`;
  const streams = await Promise.all([openStream(a.base + stream, cookie), openStream(b.base + stream, cookie)]);
  const auth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` };
  const statuses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      page.request
        .post(`${servers[i % 2]!.base}/v1/track`, { headers: auth, data: { userId: "u1", event: `Call ${i}` } })
        .then((r) => r.status()),
    ),
  );
  expect(statuses.every((s) => s === 200)).toBe(true);

  for (const stream of streams) await expect.poll(() => stream.ids.length, { timeout: 5_000 }).toBe(30);
  const [fromA, fromB] = streams.map((s) => s.ids);
  expect(new Set(fromA).size).toBe(30);
  expect(fromA).toEqual([...fromA!].sort((x, y) => Number(BigInt(x) - BigInt(y))));
  expect(fromB).toEqual(fromA);
  streams.forEach((s) => void s.close());

  // Signing out on one process ends the session on the other at once (sessions live in the database).
  expect((await fetch(`${b.base}/api/workspaces`, { headers: { cookie } })).status).toBe(200);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await fetch(`${b.base}/api/workspaces`, { headers: { cookie } })).status).toBe(401);
});
