import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { core } from "@/lib/destinations/core";
import { loadDefinition } from "@/lib/destinations/definitions";
import { resetAgents, setConnectOverrideForTests } from "@/lib/destinations/http";
import { createWebhookDestination, deliveriesOf, ingestCall, startReceiver, waitFor } from "./testing";
import { startWorker, type DeliveryWorker } from "./worker";

// Batching, isolation between destinations, a SaaS definition with its presets, and leases shared and taken
// over between workers — against real local receivers and the real event log.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
const scopeName = `engine-test-${crypto.randomUUID()}`;
const workspaces = new Set<string>();
const scope = { name: scopeName, includes: (ws: string) => workspaces.has(ws) };
const workers: DeliveryWorker[] = [];
let worker: DeliveryWorker;

function newWorker() {
  const w = startWorker({ leaseMs: 1500, pollMs: 100, scope });
  workers.push(w);
  return w;
}
beforeAll(() => {
  worker = newWorker();
});
afterAll(async () => {
  setConnectOverrideForTests(null);
  await Promise.all(workers.map((w) => w.stop()));
});

async function setUp(opts: Parameters<typeof createWebhookDestination>[0], w = worker) {
  const fixture = await createWebhookDestination(opts);
  workspaces.add(fixture.workspaceId);
  await w.tick();
  await waitFor(() => w.held().includes(fixture.destinationId), 5000, "the claim");
  return fixture;
}

describe("delivery engine", () => {
  it("a batch with one bad item: one request for the good ones, only the bad one failed", async () => {
    const receiver = await startReceiver();
    const { writeKey, destinationId } = await setUp({
      url: receiver.url,
      actions: [
        {
          batching: true,
          batchSize: 10,
          batchWaitMs: 1500,
          mapping: { url: { "@path": "$.properties.target" }, method: "POST", data: { n: { "@path": "$.event" } } },
        },
      ],
    });
    // One call, one commit: the worker sees all five at once, so they make one batch however slow the machine.
    const batch = [0, 1, 2, 3, 4].map((i) => ({
      type: "track",
      userId: "b",
      event: `E${i}`,
      properties: { target: i === 2 ? "not a url" : receiver.url },
    }));
    await ingestCall(writeKey, "batch", { batch });
    const rows = await waitFor(async () => {
      const r = await deliveriesOf(destinationId);
      return r.length === 5 && r;
    });
    expect(rows.map((r) => r.status)).toEqual(["delivered", "delivered", "failed", "delivered", "delivered"]);
    expect(rows[2]!.lastError).toMatch(/url|format|invalid/i);
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toEqual(["E0", "E1", "E3", "E4"].map((n) => ({ n })));
    await receiver.close();
  });

  it("isolation: a black-holed destination holds up no other", async () => {
    const hole = await startReceiver(() => "hang");
    const healthy = await startReceiver();
    const a = await setUp({ url: hole.url, delivery: { timeoutMs: 5000, concurrency: 2 } });
    const b = await setUp({ url: healthy.url, workspaceId: a.workspaceId, sourceId: a.sourceId });
    for (let i = 0; i < 20; i++) await ingestCall(a.writeKey, "track", { userId: `i${i}`, event: "Both" });
    await waitFor(
      async () => (await deliveriesOf(b.destinationId)).filter((d) => d.status === "delivered").length === 20,
    );
    // Every event reached the healthy destination while the black hole's first calls were still waiting.
    expect(await db.delivery.count({ where: { destinationId: a.destinationId } })).toBe(0);
    expect(hole.received.length).toBeGreaterThan(0);
    expect(hole.received.length).toBeLessThanOrEqual(2); // its own concurrency limit
    await hole.close();
    await healthy.close();
  });

  it("Mixpanel (Actions) with its presets: the worker sends the vendor's request shape to a stand-in host", async () => {
    const receiver = await startReceiver();
    const port = Number(new URL(receiver.url).port);
    setConnectOverrideForTests(({ host }) => (host === "api.mixpanel.com" ? { host: "127.0.0.1", port } : null));
    const definition = loadDefinition("mixpanel");
    const presets = (definition.presets ?? []).filter(
      (p): p is typeof p & { partnerAction: string; subscribe: string } =>
        "partnerAction" in p && "subscribe" in p && Boolean(definition.actions[p.partnerAction as string]),
    );
    const { writeKey, destinationId } = await setUp({
      url: receiver.url,
      slug: "mixpanel",
      name: "Product analytics",
      settings: { projectToken: "tok-123", apiSecret: "sec-456", apiRegion: "US 🇺🇸" },
      actions: presets.map((p) => ({
        name: p.name,
        actionKey: p.partnerAction,
        trigger: p.subscribe,
        mapping: { ...core.defaultValues(definition.actions[p.partnerAction]!.fields), ...p.mapping },
      })),
    });
    await ingestCall(writeKey, "track", {
      userId: "u1",
      event: "Signed Up",
      properties: { plan: "pro" },
      integrations: { All: false, "Mixpanel (Actions)": true },
    });
    await waitFor(async () => (await deliveriesOf(destinationId)).some((d) => d.status === "delivered"));
    const hit = receiver.received.find((r) => r.url.startsWith("/import"));
    expect(hit?.headers.host).toBe("api.mixpanel.com");
    expect(hit?.headers.authorization).toBe(`Basic ${Buffer.from("sec-456:").toString("base64")}`);
    expect(JSON.parse(hit!.body)[0]).toMatchObject({
      event: "Signed Up",
      properties: { distinct_id: "u1", plan: "pro" },
    });
    setConnectOverrideForTests(null);
    resetAgents();
    await receiver.close();
  });

  it("workers share destinations, and one takes over an expired lease", async () => {
    const receiver = await startReceiver();
    const first = await setUp({ url: receiver.url });
    const others = [];
    for (let i = 0; i < 3; i++)
      others.push(await setUp({ url: receiver.url, workspaceId: first.workspaceId, sourceId: first.sourceId }));
    const all = [first, ...others].map((d) => d.destinationId);
    const second = newWorker();
    // Two live workers: each ends up with its fair share of the scope's destinations (the first hands some back).
    await waitFor(
      async () => {
        await Promise.all([worker.tick(), second.tick()]);
        const held = new Set([...worker.held(), ...second.held()]);
        return worker.held().length === second.held().length && all.every((d) => held.has(d));
      },
      15_000,
      "a fair split",
    );
    expect(second.held().length).toBeGreaterThan(0);
    await second.stop(); // releases its leases: the first takes them
    await waitFor(async () => (await worker.tick(), all.every((d) => worker.held().includes(d))), 10_000);

    // A crashed worker's lease (never renewed, never released) is taken over once it expires.
    // (In a workspace the worker does not see yet, so it cannot make the cursor itself first.)
    const orphan = await createWebhookDestination({ url: receiver.url });
    await db.deliveryCursor.create({
      data: {
        destinationId: orphan.destinationId,
        workspaceId: orphan.workspaceId,
        position: 0n,
        leaseOwner: "crashed-worker",
        leaseExpiresAt: new Date(Date.now() + 4000),
      },
    });
    workspaces.add(orphan.workspaceId);
    await ingestCall(orphan.writeKey, "track", { userId: "t", event: "Taken Over" });
    await worker.tick();
    expect(worker.held()).not.toContain(orphan.destinationId);
    await waitFor(async () => (await worker.tick(), worker.held().includes(orphan.destinationId)), 10_000, "takeover");
    await waitFor(async () => (await deliveriesOf(orphan.destinationId)).length === 1);
    await receiver.close();
  });
});
