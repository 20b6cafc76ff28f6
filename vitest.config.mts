import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Unit and integration tests (colocated *.test.ts). Integration tests run against a real throwaway database:
// always SQLite, and PostgreSQL too when TEST_DATABASE_URL points at a server (see lib/testing/global-setup.ts).
const root = fileURLToPath(new URL("./", import.meta.url));
const flavours = ["sqlite", ...(process.env.TEST_DATABASE_URL ? ["postgresql"] : [])];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws outside React's server bundle; tests are server code.
      { find: /^server-only$/, replacement: `${root}lib/testing/empty.ts` },
    ],
  },
  test: {
    projects: flavours.map((flavour) => ({
      extends: true,
      test: {
        name: flavour,
        include: ["{lib,app,components}/**/*.test.ts"],
        environment: "node",
        globalSetup: ["lib/testing/global-setup.ts"],
        setupFiles: ["lib/testing/setup.ts"],
        provide: { flavour },
        testTimeout: 20_000,
        hookTimeout: 30_000,
      },
    })),
  },
});
