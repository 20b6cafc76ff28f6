import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrate.mjs";
import { createThrowawayPostgres } from "../db/throwaway.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    flavour: "sqlite" | "postgresql";
    databaseUrl: string;
  }
}

/** Creates one throwaway, migrated database per test project and drops it afterwards. */
export default async function setup(project: TestProject) {
  const flavour = project.config.provide?.flavour ?? "sqlite";
  if (flavour === "postgresql") {
    const database = await createThrowawayPostgres(process.env.TEST_DATABASE_URL!, "sluice_test");
    await migrate(database.url);
    project.provide("databaseUrl", database.url);
    return database.drop;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-test-"));
  const url = `file:${path.join(dir, "sluice.db")}`;
  await migrate(url);
  project.provide("databaseUrl", url);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
