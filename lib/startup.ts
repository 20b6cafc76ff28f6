import "server-only";
import { migrate } from "@/lib/db/migrate.mjs";
import { env, GENERATED_SECRET_FILES } from "@/lib/env";
import { securePrivateDir } from "@/lib/db/file-modes.mjs";
import { createFirstOwner, hasAnyUser } from "@/lib/data/users";
import { setupSchema } from "@/lib/schemas/auth";
import { startRetention } from "@/lib/eventlog/retention";
import { closeEventLog } from "@/lib/eventlog";
import { holdsJob, startDeliveryWorker, stopDeliveryWorker } from "@/lib/pipeline/process";
import { startOutcomeRelay } from "@/lib/eventlog/outcome-bus";

/**
 * Runs once per server process before it serves (from instrumentation.ts): applies pending migrations; on a
 * fresh install with SLUICE_ADMIN_EMAIL / SLUICE_ADMIN_PASSWORD set, creates that owner and a workspace named
 * "Default" — the headless alternative to the /setup page; starts the event retention loop (its passes run in
 * one process of the deployment at a time, under a lease) and the delivery worker (unless SLUICE_WORKER=0).
 * server.js calls globalThis.sluiceShutdown on SIGTERM. First it makes the data folder private again (0700, its
 * files 0600) for installs made before Sluice created it so.
 */
export async function prepareServer(): Promise<void> {
  securePrivateDir(env.dataDir, GENERATED_SECRET_FILES); // migrate() does the same for the SQLite files
  const applied = await migrate(env.databaseUrl);
  if (applied.length) console.log(`[sluice] applied migrations: ${applied.join(", ")}`);
  await createAdminFromEnv();
  startRetention({ shouldRun: () => holdsJob("retention", 30 * 60 * 1000) });
  startOutcomeRelay(); // before the worker: the debugger hears of every page it records
  if (startDeliveryWorker()) console.log("[sluice] delivery worker started");
  (globalThis as { sluiceShutdown?: () => Promise<void> }).sluiceShutdown = shutdown;
}

/** Graceful stop: the delivery worker hands its work back, then the event log writes what is queued. */
async function shutdown(): Promise<void> {
  await stopDeliveryWorker();
  await closeEventLog();
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
