import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { holdJobLease } from "./leases";
import { startWorker, type DeliveryWorker } from "./worker";

// The delivery worker's place in a Sluice process: `npm start` runs it beside the web server, `npm run worker`
// alone (server.js --worker), SLUICE_WORKER=0 leaves it out (web-only processes in a scale-out). One per
// process, on globalThis like the event log, however many bundles include this module.

const holder = globalThis as unknown as { sluiceDeliveryWorker?: DeliveryWorker; sluiceProcessId?: string };

/** This process's identity in leases. */
export function processId(): string {
  return (holder.sluiceProcessId ??= `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`);
}

export function isWorkerEnabled(): boolean {
  return process.env.SLUICE_WORKER !== "0";
}

/** Starts this process's delivery worker (once), unless SLUICE_WORKER=0. */
export function startDeliveryWorker(): DeliveryWorker | null {
  if (!isWorkerEnabled()) return null;
  holder.sluiceDeliveryWorker ??= startWorker({ id: processId() });
  return holder.sluiceDeliveryWorker;
}

/** Stops claiming, finishes or abandons (to be performed again elsewhere) in-flight work, releases leases. */
export async function stopDeliveryWorker(): Promise<void> {
  const worker = holder.sluiceDeliveryWorker;
  holder.sluiceDeliveryWorker = undefined;
  await worker?.stop();
}

/** A once-per-deployment job may run now in this process (it holds, or just took, the job's lease). */
export function holdsJob(name: string, leaseMs: number): Promise<boolean> {
  return holdJobLease(`job:${name}`, processId(), leaseMs);
}
