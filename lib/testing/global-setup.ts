import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrate.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    flavour: "sqlite" | "postgresql";
    databaseUrl: string;
  }
}

/** Creates one throwaway, migrated database per test project and drops it afterwards. */
export default async function setup(project: TestProject) {
  const flavour = project.config.provide?.flavour ?? "sqlite";
  const suffix = crypto.randomBytes(4).toString("hex");
  if (flavour === "postgresql") {
    const { default: pg } = await import("pg");
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `sluice_test_${suffix}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    project.provide("databaseUrl", url.toString());
    return async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sluice-test-${suffix}-`));
  const url = `file:${path.join(dir, "sluice.db")}`;
  await migrate(url);
  project.provide("databaseUrl", url);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
