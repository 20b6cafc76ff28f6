import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freshDatabase, startServer, type ExtraServer } from "../fixtures/extra-server";

// `npm start` on a fresh database with SLUICE_ADMIN_EMAIL / SLUICE_ADMIN_PASSWORD: migrations are applied and
// the owner and the "Default" workspace exist without visiting /setup. On PostgreSQL when TEST_DATABASE_URL
// is set (as in CI), otherwise on SQLite.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
const base = `http://127.0.0.1:${PORT}`;
const admin = { email: "headless@example.test", password: "headless password" };

let server: ExtraServer | undefined;
let dropDatabase: () => Promise<void> = async () => {};

test.beforeAll(async () => {
  const database = await freshDatabase(fs.mkdtempSync(path.join(os.tmpdir(), "sluice-headless-")));
  dropDatabase = database.drop;
  server = await startServer(PORT, {
    DATABASE_URL: database.url,
    SLUICE_ADMIN_EMAIL: admin.email,
    SLUICE_ADMIN_PASSWORD: admin.password,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await dropDatabase();
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
  await expect(page.getByTestId("workspace-switcher")).toContainText("Default");
});
