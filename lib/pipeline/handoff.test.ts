import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { liveWorkerCount } from "./leases";
import { defaultPerform } from "./perform";
import { createWebhookDestination, ingestCall, startReceiver, waitFor } from "./testing";
import { startWorker, type DeliveryWorker } from "./worker";

// Destinations handed over between workers sharing a scope: when a second worker starts and when one stops,
// every destination keeps delivering — the other worker claims what is released at once, not at its next lease
// round — and a heartbeat that lapses for a moment (a worker starved of CPU) moves nothing. Real workers on the
// production lease (15 s: a lease round every 5 s), real local receivers, calls through ingest.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
const LEASE_MS = 15_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `n` Webhook destinations (each with its own receiver) fed by one source; workers that log who performed when. */
async function setUp(n: number, { visible = true } = {}) {
  const workspaces = new Set<string>();
  const scope = { name: `handoff-${crypto.randomUUID()}`, includes: (ws: string) => workspaces.has(ws) };
  // A receiver may be told to answer its next request slowly (a delivery still in flight when its worker stops).
  const slowNext = new Map<number, number>();
  const receivers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      startReceiver(() => {
        const delayMs = slowNext.get(i) ?? 0;
        slowNext.delete(i);
        return { status: 200, delayMs };
      }),
    ),
  );
  cleanups.push(async () => void (await Promise.all(receivers.map((r) => r.close()))));
  const first = await createWebhookDestination({ url: receivers[0]!.url });
  const destinations = [first.destinationId];
  for (const r of receivers.slice(1))
    destinations.push(
      (await createWebhookDestination({ url: r.url, workspaceId: first.workspaceId, sourceId: first.sourceId }))
        .destinationId,
    );
  const show = () => workspaces.add(first.workspaceId);
  if (visible) show();
  const destinationOf = new Map(receivers.map((r, i) => [r.url, destinations[i]!]));
  const performed: { worker: string; destinationId: string; at: number }[] = [];
  const start = (worker: string): DeliveryWorker => {
    const w = startWorker({
      leaseMs: LEASE_MS,
      pollMs: 100,
      scope,
      perform: (input) => {
        performed.push({ worker, destinationId: destinationOf.get(String(input.mapping.url))!, at: Date.now() });
        return defaultPerform(input);
      },
    });
    cleanups.push(() => w.stop());
    return w;
  };
  /** When `worker` first performed for `destinationId` at or after `since`. */
  const firstBy = (worker: string, destinationId: string, since: number) =>
    performed.find((p) => p.worker === worker && p.destinationId === destinationId && p.at >= since)?.at;
  /** One track call every 100 ms until stop() (which resolves with the messageIds sent). */
  const sendTraffic = () => {
    const sent: string[] = [];
    let isSending = true;
    const loop = (async () => {
      while (isSending) {
        const messageId = crypto.randomUUID();
        await ingestCall(first.writeKey, "track", { userId: "h", event: "Tick", messageId });
        sent.push(messageId);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return async () => ((isSending = false), await loop, sent);
  };
  /** Every receiver got every call, and none went quiet for long while calls kept coming. */
  const expectSteadyDelivery = async (sent: string[]) => {
    for (const r of receivers) {
      const got = () => new Set(r.received.map((q) => JSON.parse(q.body).messageId as string));
      await waitFor(() => sent.every((m) => got().has(m)), 10_000, "every call at every receiver");
      const at = r.received.map((q) => q.at).sort((a, b) => a - b);
      const longestGap = Math.max(...at.slice(1).map((t, i) => t - at[i]!));
      expect(longestGap).toBeLessThan(3000);
    }
  };
  /** The destination's next request waits `ms` for its answer; resolves once that request is in flight. */
  const slowDownNext = (destinationId: string, ms: number) => {
    const i = destinations.indexOf(destinationId);
    const before = receivers[i]!.received.length;
    slowNext.set(i, ms);
    return waitFor(() => receivers[i]!.received.length > before && !slowNext.has(i), 5000, "the slow request");
  };
  return { destinations, scope, show, start, firstBy, sendTraffic, expectSteadyDelivery, slowDownNext };
}

describe("hand-over between workers", () => {
  it("a second worker starts: the first hands over its extra destinations and the second delivers for them at once", async () => {
    const t = await setUp(4);
    const a = t.start("a");
    await waitFor(() => a.held().length === 4, 5000, "the first worker to hold all");
    const stopTraffic = t.sendTraffic();
    await waitFor(() => t.destinations.every((d) => t.firstBy("a", d, 0)), 5000, "deliveries");
    const joinedAt = Date.now();
    const b = t.start("b");
    await waitFor(() => a.held().length === 2 && b.held().length === 2, 8000, "a fair split");
    const handedOver = b.held();
    const firsts = await waitFor(() => {
      const at = handedOver.map((d) => t.firstBy("b", d, joinedAt));
      return at.every(Boolean) && (at as number[]);
    });
    expect(Math.max(...firsts) - joinedAt).toBeLessThan(3000); // a lease round is 5 s
    expect(new Set([...a.held(), ...b.held()])).toEqual(new Set(t.destinations));
    await t.expectSteadyDelivery(await stopTraffic());
  });

  it("a worker stops gracefully: the survivor claims each of its destinations once released", async () => {
    const t = await setUp(4, { visible: false });
    const a = t.start("a");
    const b = t.start("b");
    await Promise.all([a.tick(), b.tick()]); // both heartbeats are in: now each one's share is 2
    t.show();
    await waitFor(async () => {
      await Promise.all([a.tick(), b.tick()]);
      return a.held().length === 2 && b.held().length === 2;
    });
    const stopTraffic = t.sendTraffic();
    await waitFor(() => t.destinations.every((d) => t.firstBy("a", d, 0) || t.firstBy("b", d, 0)));
    const [slow, quick] = a.held() as [string, string];
    await t.slowDownNext(slow, 1500); // in flight when a stops: a waits for it (its grace is 5 s)
    const stoppedAt = Date.now();
    const stopping = a.stop();
    // The idle one is handed over at once, not after the slow one (nor at b's next lease round, 4 s away).
    const quickAt = await waitFor(() => t.firstBy("b", quick, stoppedAt), 5000, "b delivering for the idle one");
    expect(quickAt - stoppedAt).toBeLessThan(1000);
    await stopping;
    const slowAt = await waitFor(() => t.firstBy("b", slow, stoppedAt), 5000, "b delivering for the slow one");
    expect(slowAt - stoppedAt).toBeLessThan(3000);
    expect(b.held().length).toBe(4);
    await t.expectSteadyDelivery(await stopTraffic());
  });

  it("a heartbeat that lapsed a moment ago still counts: the other worker takes none of its destinations", async () => {
    const t = await setUp(4, { visible: false });
    const a = t.start("a");
    const b = t.start("b");
    await Promise.all([a.tick(), b.tick()]);
    t.show();
    await waitFor(async () => {
      await Promise.all([a.tick(), b.tick()]);
      return a.held().length === 2 && b.held().length === 2;
    });
    const ofB = b.held();
    // b starved of CPU: it missed its renewals, so its heartbeat and its destination leases expired a second ago.
    const lapsed = new Date(Date.now() - 1000);
    await db.workerLease.update({ where: { name: `worker:${t.scope.name}:${b.id}` }, data: { expiresAt: lapsed } });
    await db.deliveryCursor.updateMany({ where: { destinationId: { in: ofB } }, data: { leaseExpiresAt: lapsed } });
    // (Twice: a round may skip a lease row that b's runner is writing at that moment.)
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await a.tick();
    }
    expect(a.held().length).toBe(2);
    await b.tick(); // b runs again and renews what nobody took
    expect(b.held().sort()).toEqual(ofB.sort());
  });

  it("liveWorkerCount counts a heartbeat expired within the grace, not one expired long before", async () => {
    const scope = `count-${crypto.randomUUID()}`;
    const at = (ms: number) => new Date(Date.now() + ms);
    await db.workerLease.createMany({
      data: [
        { name: `worker:${scope}:live`, owner: "live", expiresAt: at(10_000) },
        { name: `worker:${scope}:late`, owner: "late", expiresAt: at(-1000) },
        { name: `worker:${scope}:gone`, owner: "gone", expiresAt: at(-60_000) },
      ],
    });
    expect(await liveWorkerCount(scope)).toBe(1);
    expect(await liveWorkerCount(scope, 5000)).toBe(2);
  });

  it("a share that drops for one round releases nothing", async () => {
    const t = await setUp(4);
    const a = t.start("a");
    await waitFor(() => a.held().length === 4, 5000, "the first worker to hold all");
    // A worker appears for one round (it started and died at once, its heartbeat gone): the share halves, then
    // comes back.
    const ghost = `worker:${t.scope.name}:ghost`;
    await db.workerLease.create({ data: { name: ghost, owner: "ghost", expiresAt: new Date(Date.now() + 60_000) } });
    await a.tick();
    expect(a.held().length).toBe(4);
    await db.workerLease.delete({ where: { name: ghost } });
    await new Promise((r) => setTimeout(r, 1200)); // the surplus gate's second look (1 s later) runs meanwhile
    await a.tick();
    expect(a.held().length).toBe(4);
  });
});
