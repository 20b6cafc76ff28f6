import { defineConfig } from "@playwright/test";

// End-to-end tests against the production build (`npm run build` first), served by Sluice's own start
// script on a throwaway database, in Debian's Chromium. Playwright never downloads a browser here.
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    },
  },
  projects: [
    // The first-run flow needs the fresh database, so it runs before everything else.
    { name: "setup", testMatch: /first-run\.spec\.ts/, use: { browserName: "chromium" } },
    { name: "api", testDir: "./e2e/api", dependencies: ["setup"] },
    {
      name: "ui",
      testDir: "./e2e/ui",
      testIgnore: /first-run\.spec\.ts/,
      dependencies: ["setup"],
      use: { browserName: "chromium" },
    },
  ],
  webServer: {
    command: "node e2e/fixtures/serve.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT) },
    stdout: "ignore",
    stderr: "pipe",
  },
});
