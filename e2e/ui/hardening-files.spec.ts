import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";

// The e2e server's data folder (e2e/fixtures/serve.mjs makes it 0755, as an older Sluice did): the running
// server made it private at start and keeps its database files 0600.
test("the running server's data folder is 0700 and its database files 0600", async ({ request }) => {
  expect((await request.get("/api/health")).ok()).toBe(true);
  const dir = path.join(os.tmpdir(), `sluice-e2e-${new URL(baseURL).port}`);
  const modeOf = (file: string) => fs.statSync(path.join(dir, file)).mode & 0o777;
  expect(modeOf(".")).toBe(0o700);
  for (const file of ["sluice.db", "sluice.db-wal", "sluice.db-shm"]) expect(modeOf(file), file).toBe(0o600);
});
