// Test helpers for the people store fed end to end: @segment/analytics-node → ingest → event log → the delivery
// worker → Segment's customerio definition with its presets → Sluice's Track API in-process → the people store.
import crypto from "node:crypto";
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll } from "vitest";
import { db, getDbKind } from "@/lib/db";
import { createDestination } from "@/lib/data/destinations";
import { createTrackingKey } from "@/lib/data/tracking-keys";
import { closeEventLog } from "@/lib/eventlog";
import { startIngestServer } from "@/lib/ingest/testing";
import { waitFor } from "@/lib/pipeline/testing";
import { startWorker, type DeliveryWorker } from "@/lib/pipeline/worker";
import { createTestWorkspace } from "@/lib/testing/fixtures";

/** Starts an ingest server and a delivery worker for the file's tests; `setUp` makes each test's workspace. */
export function startJourneysPipeline() {
  const workspaces = new Set<string>();
  let worker: DeliveryWorker;
  let ingest: Awaited<ReturnType<typeof startIngestServer>>;

  beforeAll(async () => {
    ingest = await startIngestServer("web");
    worker = startWorker({
      leaseMs: 3000,
      pollMs: 100,
      scope: { name: `journeys-test-${crypto.randomUUID()}`, includes: (ws) => workspaces.has(ws) },
    });
  });
  afterAll(async () => {
    await worker.stop();
    await ingest.close();
    await closeEventLog();
  });

  /** A workspace with a Node.js source connected to a Journeys destination on a tracking key of its own. */
  async function setUp() {
    const ws = (await createTestWorkspace()).id;
    const key = await createTrackingKey(ws, { name: "Journeys destination" });
    const source = await db.source.create({
      data: {
        workspaceId: ws,
        type: "nodejs",
        name: "Server",
        writeKey: `wk_${crypto.randomBytes(8).toString("hex")}`,
      },
      select: { id: true, writeKey: true },
    });
    const settings = { siteId: key.siteId, apiKey: key.apiKey, accountRegion: "sluice" };
    const destination = await createDestination(ws, {
      slug: "customerio",
      name: "Customer.io Journeys",
      settings,
      sourceIds: [source.id],
    });
    await claim(ws, destination.id);
    return { ws, key, settings, client: clientFor(source.writeKey), destinationId: destination.id };
  }

  /** Lets the worker deliver for the workspace and waits until it holds the destination. */
  async function claim(ws: string, destinationId: string) {
    workspaces.add(ws);
    await worker.tick();
    await waitFor(() => worker.held().includes(destinationId), 5000, "the worker to claim the destination");
  }

  /** An analytics-node client of the source's write key, sending to the ingest server at once. */
  const clientFor = (writeKey: string) => new Analytics({ writeKey, host: ingest.url, flushAt: 1, flushInterval: 50 });

  return { setUp, claim, clientFor };
}

/** The person with their events, devices and relationships (with the objects), or null. Read from one snapshot:
 *  Prisma reads the person and each relation by a query of its own, and a write committed between them (an
 *  identify, performed beside a track) would show half of it. */
export const personWithActivity = (workspaceId: string, externalId: string) =>
  db.$transaction(
    (tx) =>
      tx.person.findFirst({
        where: { workspaceId, externalId },
        include: { events: { orderBy: { id: "asc" } }, devices: true, relationships: { include: { object: true } } },
      }),
    // SQLite's transaction is a snapshot already; PostgreSQL's default gives each statement its own.
    getDbKind() === "postgresql" ? { isolationLevel: "RepeatableRead" } : {},
  );
