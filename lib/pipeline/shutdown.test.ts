import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWebhookDestination, deliveriesOf, ingestCall, startReceiver, waitFor } from "./testing";
import { startWorker } from "./worker";

// Stopping a worker (SIGTERM): in-flight deliveries finish within the grace period and are recorded; one that
// outlasts it is abandoned unrecorded, its lease released, and the next worker performs it again.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";

function slowReceiver(delayMs: number) {
  return startReceiver(() => ({ status: 200, delayMs }));
}

async function setUp(delayMs: number, stopGraceMs: number) {
  const workspaces = new Set<string>();
  const scope = { name: `shutdown-${crypto.randomUUID()}`, includes: (ws: string) => workspaces.has(ws) };
  const receiver = await slowReceiver(delayMs);
  const fixture = await createWebhookDestination({ url: receiver.url });
  workspaces.add(fixture.workspaceId);
  const worker = startWorker({ leaseMs: 3000, pollMs: 100, stopGraceMs, scope });
  await worker.tick();
  await waitFor(() => worker.held().includes(fixture.destinationId));
  return { ...fixture, receiver, worker, scope };
}

describe("worker shutdown", () => {
  it("lets an in-flight delivery finish within the grace period and records it", async () => {
    const t = await setUp(500, 5000);
    await ingestCall(t.writeKey, "track", { userId: "s", event: "In Flight" });
    await waitFor(() => t.receiver.received.length === 1);
    await t.worker.stop();
    expect((await deliveriesOf(t.destinationId)).map((d) => d.status)).toEqual(["delivered"]);
    const cursor = await db.deliveryCursor.findUnique({ where: { destinationId: t.destinationId } });
    expect(cursor?.leaseOwner).toBeNull(); // handed back at once, not left to expire
    await t.receiver.close();
  });

  it("abandons what outlasts the grace period; the next worker performs it again", async () => {
    const t = await setUp(3000, 200);
    await ingestCall(t.writeKey, "track", { userId: "s", event: "Too Slow" });
    await waitFor(() => t.receiver.received.length === 1);
    await t.worker.stop();
    expect(await deliveriesOf(t.destinationId)).toEqual([]);
    const next = startWorker({ leaseMs: 3000, pollMs: 100, scope: t.scope });
    await waitFor(async () => (await deliveriesOf(t.destinationId))[0]?.status === "delivered", 15_000);
    expect(t.receiver.received.length).toBe(2); // at-least-once: the abandoned one was sent again
    await next.stop();
    await t.receiver.close();
  });
});
