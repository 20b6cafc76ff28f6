import "server-only";
import { migrate } from "@/lib/db/migrate.mjs";
import { env, GENERATED_SECRET_FILES } from "@/lib/env";
import { securePrivateDir } from "@/lib/db/file-modes.mjs";
import { createFirstOwner, hasAnyUser } from "@/lib/data/users";
import { setupSchema } from "@/lib/schemas/auth";
import { startRetention } from "@/lib/events/retention";

/**
 * Runs once per server process before it serves (from instrumentation.ts): applies pending migrations; on a
 * fresh install with SLUICE_ADMIN_EMAIL / SLUICE_ADMIN_PASSWORD set, creates that owner and a workspace named
 * "Default" — the headless alternative to the /setup page; and starts the event retention loop. First it makes
 * the data folder private again (0700, its files 0600) for installs made before Sluice created it so.
 */
export async function prepareServer(): Promise<void> {
  securePrivateDir(env.dataDir, GENERATED_SECRET_FILES); // migrate() does the same for the SQLite files
  const applied = await migrate(env.databaseUrl);
  if (applied.length) console.log(`[sluice] applied migrations: ${applied.join(", ")}`);
  await createAdminFromEnv();
  startRetention();
}

async function createAdminFromEnv(): Promise<void> {
  const email = process.env.SLUICE_ADMIN_EMAIL;
  const password = process.env.SLUICE_ADMIN_PASSWORD;
  if (!email || !password || (await hasAnyUser())) return;
  const input = setupSchema.safeParse({ email, password, workspaceName: "Default" });
  if (!input.success) {
    throw new Error(
      `SLUICE_ADMIN_EMAIL / SLUICE_ADMIN_PASSWORD: ${input.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  try {
    await createFirstOwner(input.data);
    console.log(`[sluice] created the owner ${input.data.email} and the workspace "Default"`);
  } catch (err) {
    if (await hasAnyUser()) return; // another process created it first
    throw err;
  }
}
