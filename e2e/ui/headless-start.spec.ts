import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

// `npm start` on a fresh database with SLUICE_ADMIN_EMAIL / SLUICE_ADMIN_PASSWORD: migrations are applied and
// the owner and the "Default" workspace exist without visiting /setup. On PostgreSQL when TEST_DATABASE_URL
// is set (as in CI), otherwise on SQLite.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
const base = `http://127.0.0.1:${PORT}`;
const admin = { email: "headless@example.test", password: "headless password" };

let server: ChildProcess | undefined;
let cleanup: () => Promise<void> = async () => {};

async function freshDatabaseUrl(dir: string): Promise<string> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (!pgUrl) return `file:${path.join(dir, "sluice.db")}`;
  const name = `sluice_e2e_${crypto.randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  cleanup = async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-headless-"));
  const databaseUrl = await freshDatabaseUrl(dir);
  server = spawn(process.execPath, ["server.js"], {
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SLUICE_DATA_DIR: dir,
      SLUICE_ADMIN_EMAIL: admin.email,
      SLUICE_ADMIN_PASSWORD: admin.password,
    },
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the headless server did not become healthy");
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await cleanup();
});

test("a headless first start creates the owner and the Default workspace", async ({ page, request }) => {
  const health = await (await request.get(`${base}/api/health`)).json();
  expect(health.database.kind).toBe(process.env.TEST_DATABASE_URL ? "postgresql" : "sqlite");

  await page.goto(`${base}/`);
  await expect(page).toHaveURL(`${base}/login`); // not /setup: the owner exists
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByTestId("workspace-switcher").locator("summary")).toContainText("Default");
});
