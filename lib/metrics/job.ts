import "server-only";
import { releaseJobLease } from "@/lib/pipeline/leases";
import { holdsJob, processId } from "@/lib/pipeline/process";
import { countIngestBacklog } from "./ingest";
import { trimMetrics } from "./retention";

// The metrics job a delivery worker starts (lib/pipeline/worker.ts): once a second it counts the event log's new
// calls into the ingest aggregates, and every 10 minutes it trims old aggregates. It runs in one process of the
// deployment at a time, under the "metrics" job lease (like retention and replays); the cursor's compare-and-set
// keeps the counts exact even when two processes briefly both hold it.

const LEASE_MS = 30_000;
const RENEW_BEFORE_MS = 20_000;
const TRIM_EVERY_MS = 10 * 60 * 1000;

export interface MetricsJob {
  /** Counts now (tests). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

function envMs(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function startMetricsJob(options: { intervalMs?: number } = {}): MetricsJob {
  const intervalMs = options.intervalMs ?? envMs("SLUICE_METRICS_INTERVAL_MS", 1000);
  let heldUntil = 0;
  let trimmedAt = Date.now(); // the first trim after 10 minutes: a restart loop does not delete over and over
  let running: Promise<void> | null = null;
  let stopped = false;

  async function isMine(): Promise<boolean> {
    const now = Date.now();
    if (heldUntil - now > RENEW_BEFORE_MS) return true; // renewed a few seconds ago: no write every second
    const held = await holdsJob("metrics", LEASE_MS);
    heldUntil = held ? now + LEASE_MS : 0;
    return held;
  }

  async function round() {
    if (!(await isMine())) return;
    await countIngestBacklog();
    if (Date.now() - trimmedAt >= TRIM_EVERY_MS) {
      trimmedAt = Date.now();
      await trimMetrics();
    }
  }

  function tick(): Promise<void> {
    running ??= round()
      .catch((err) => console.error("[sluice] metrics job failed:", err))
      .finally(() => (running = null));
    return running;
  }

  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      if (heldUntil > 0) await releaseJobLease("job:metrics", processId()).catch(() => undefined);
    },
  };
}
