import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CHANGED_SINCE_MESSAGE } from "@/lib/eventlog/journey";
import { appendTestEvents } from "@/lib/eventlog/testing";
import { createWebhookDestination, deliveriesOf, startReceiver, waitFor } from "@/lib/pipeline/testing";
import { startWorker, type DeliveryWorker } from "@/lib/pipeline/worker";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { updateAction } from "./actions";
import { updateDestination } from "./destinations";
import { listJourneys } from "./events-journey";

// Each event's journey against the real event log, the real worker (its cursor and Delivery rows) and a real
// receiver: what the lines say about events the worker has routed, has not reached yet, or never will.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
process.env.SLUICE_RETRY_BASE_MS = "200";
process.env.SLUICE_RETRY_CAP_MS = "400";

/** Workspaces the test worker delivers for; the others' destinations are never routed. */
const served = new Set<string>();
let worker: DeliveryWorker;

beforeAll(() => {
  worker = startWorker({
    leaseMs: 3000,
    pollMs: 100,
    scope: { name: `journey-test-${crypto.randomUUID()}`, includes: (ws) => served.has(ws) },
  });
});
afterAll(() => worker.stop());

type Fixture = Awaited<ReturnType<typeof createWebhookDestination>>;

async function claimed(opts: Parameters<typeof createWebhookDestination>[0]): Promise<Fixture> {
  const fixture = await createWebhookDestination(opts);
  served.add(fixture.workspaceId);
  await worker.tick();
  await waitFor(() => worker.held().includes(fixture.destinationId), 5000, "the worker to claim the destination");
  return fixture;
}

/** Stores one accepted track call of the fixture's source through the event log; returns its id. */
async function store(f: { workspaceId: string; sourceId: string }, call: Record<string, unknown> = {}) {
  const messageId = crypto.randomUUID();
  const payload = { type: "track", event: "Order Completed", userId: "u1", messageId, ...call };
  const [id] = await appendTestEvents(f.workspaceId, 1, {
    sourceId: f.sourceId,
    messageId,
    name: String(payload.event),
    payload: JSON.stringify(payload),
  });
  return String(id);
}

async function linesOf(workspaceId: string, eventId: string) {
  const lines = (await listJourneys(workspaceId, [eventId]))[eventId]!;
  return lines.map((l) => ({ action: l.actionName, status: l.status, reason: l.reason }));
}

async function cursorOf(destinationId: string): Promise<bigint> {
  const row = await db.deliveryCursor.findUnique({ where: { destinationId }, select: { position: true } });
  return row ? BigInt(row.position) : -1n;
}

const unserved = (actions?: Parameters<typeof createWebhookDestination>[0]["actions"]) =>
  createWebhookDestination({ url: "http://127.0.0.1:9/hook", actions });

describe("journey lines of events the worker has routed", () => {
  it("an action turned on (or its trigger widened) after the worker routed a call says it was not sent, not pending", async () => {
    const receiver = await startReceiver();
    const f = await claimed({
      url: receiver.url,
      actions: [{ name: "Off", enabled: false }, { name: "Narrow", trigger: 'event = "Signed Up"' }, { name: "On" }],
    });
    const [offId, narrowId] = f.actionIds;
    const eventId = await store(f);
    await waitFor(async () => (await deliveriesOf(f.destinationId)).length === 1, 10_000, "the delivery");
    await waitFor(async () => (await cursorOf(f.destinationId)) >= BigInt(eventId), 5000, "the cursor");
    expect(await linesOf(f.workspaceId, eventId)).toEqual([
      { action: "Off", status: "filtered", reason: "disabled" },
      { action: "Narrow", status: "filtered", reason: "trigger" },
      { action: "On", status: "delivered", reason: null },
    ]);

    await updateAction(f.workspaceId, f.destinationId, offId!, { enabled: true });
    await updateAction(f.workspaceId, f.destinationId, narrowId!, { trigger: 'type = "track"' });
    const lines = (await listJourneys(f.workspaceId, [eventId]))[eventId]!;
    expect(lines.map((l) => [l.actionName, l.status, l.reason])).toEqual([
      ["Off", "filtered", "changed_since"],
      ["Narrow", "filtered", "changed_since"],
      ["On", "delivered", null],
    ]);
    expect(lines[0]!.message).toBe(CHANGED_SINCE_MESSAGE);
    expect(lines[0]!.message).toMatch(/^Not sent: .*Replay the time range to send it\.$/);

    // A call after the change is taken by all three: the actions really are on now.
    const next = await store(f);
    await waitFor(async () => (await deliveriesOf(f.destinationId)).length === 4, 10_000, "three more deliveries");
    expect((await linesOf(f.workspaceId, next)).map((l) => l.status)).toEqual(["delivered", "delivered", "delivered"]);
    await receiver.close();
  });

  it("a call the worker has not reached stays pending; once its cursor passes it without a delivery, not sent", async () => {
    const f = await unserved();
    const eventId = await store(f);
    // No cursor yet (the destination was never claimed): nothing was routed.
    expect(await linesOf(f.workspaceId, eventId)).toEqual([{ action: "Send", status: "pending", reason: null }]);
    await db.deliveryCursor.create({
      data: { destinationId: f.destinationId, workspaceId: f.workspaceId, position: BigInt(eventId) - 1n },
    });
    expect(await linesOf(f.workspaceId, eventId)).toEqual([{ action: "Send", status: "pending", reason: null }]);
    await db.deliveryCursor.update({ where: { destinationId: f.destinationId }, data: { position: BigInt(eventId) } });
    expect(await linesOf(f.workspaceId, eventId)).toEqual([
      { action: "Send", status: "filtered", reason: "changed_since" },
    ]);
  });

  it("a call waiting in a batch stays pending: the cursor does not pass it before its batch is sent", async () => {
    const receiver = await startReceiver();
    const f = await claimed({ url: receiver.url, actions: [{ batching: true, batchSize: 10, batchWaitMs: 2500 }] });
    const eventId = await store(f);
    await new Promise((r) => setTimeout(r, 800)); // the worker has seen it and is waiting for more
    expect(receiver.received).toHaveLength(0);
    expect(await cursorOf(f.destinationId)).toBeLessThan(BigInt(eventId));
    expect(await linesOf(f.workspaceId, eventId)).toEqual([{ action: "Send", status: "pending", reason: null }]);
    await waitFor(() => receiver.received.length === 1, 10_000, "the batch");
    await waitFor(async () => (await linesOf(f.workspaceId, eventId))[0]!.status === "delivered", 5000, "delivered");
    await receiver.close();
  });

  it("a parked retry past the cursor shows retrying, then delivered", async () => {
    let isUp = false;
    const receiver = await startReceiver(() => ({ status: isUp ? 200 : 503 }));
    const f = await claimed({ url: receiver.url });
    const eventId = await store(f);
    await waitFor(async () => (await linesOf(f.workspaceId, eventId))[0]!.status === "retrying", 10_000, "retrying");
    expect(await cursorOf(f.destinationId)).toBeGreaterThanOrEqual(BigInt(eventId));
    isUp = true;
    await waitFor(async () => (await linesOf(f.workspaceId, eventId))[0]!.status === "delivered", 10_000, "delivered");
    await receiver.close();
  });
});

describe("journey lines of calls no action takes, and why", () => {
  it("integrations: All false, or false under the destination's name or slug", async () => {
    const f = await unserved([{ name: "A" }, { name: "B" }]);
    const integrations = async (value: Record<string, unknown>) =>
      (await linesOf(f.workspaceId, await store(f, { integrations: value }))).map((l) => [l.status, l.reason]);
    const excluded = [
      ["filtered", "integrations"],
      ["filtered", "integrations"],
    ];
    expect(await integrations({ All: false })).toEqual(excluded);
    expect(await integrations({ "Test webhook": false })).toEqual(excluded);
    expect(await integrations({ webhook: false })).toEqual(excluded);
    // Another destination's entry, or All false with this one named: taken.
    const taken = [
      ["pending", null],
      ["pending", null],
    ];
    expect(await integrations({ Mixpanel: false })).toEqual(taken);
    expect(await integrations({ All: false, "Test webhook": true })).toEqual(taken);
  });

  it("the destination off, and the action off", async () => {
    const f = await unserved([{ name: "Off", enabled: false }, { name: "On" }]);
    const eventId = await store(f);
    expect(await linesOf(f.workspaceId, eventId)).toEqual([
      { action: "Off", status: "filtered", reason: "disabled" },
      { action: "On", status: "pending", reason: null },
    ]);
    await updateDestination(f.workspaceId, f.destinationId, { enabled: false });
    expect(await linesOf(f.workspaceId, eventId)).toEqual([
      { action: "Off", status: "filtered", reason: "destination_disabled" },
      { action: "On", status: "filtered", reason: "destination_disabled" },
    ]);
  });

  it("a call received before the destination (or before its source was connected to it)", async () => {
    const { id: workspaceId } = await createTestWorkspace();
    const source = (name: string) =>
      db.source.create({
        data: { workspaceId, type: "nodejs", name, writeKey: `wk_${crypto.randomBytes(8).toString("hex")}` },
        select: { id: true },
      });
    const [first, second] = [await source("First"), await source("Second")];
    const early = await store({ workspaceId, sourceId: first.id });
    const earlyOfSecond = await store({ workspaceId, sourceId: second.id });
    await new Promise((r) => setTimeout(r, 10));
    const f = await createWebhookDestination({ url: "http://127.0.0.1:9/hook", workspaceId, sourceId: first.id });
    const later = await store(f);
    const before = [{ action: "Send", status: "filtered", reason: "before_destination" }];
    expect(await linesOf(workspaceId, early)).toEqual(before);
    expect(await linesOf(workspaceId, later)).toEqual([{ action: "Send", status: "pending", reason: null }]);

    await new Promise((r) => setTimeout(r, 10));
    await updateDestination(workspaceId, f.destinationId, { sourceIds: [first.id, second.id] });
    expect(await linesOf(workspaceId, earlyOfSecond)).toEqual(before);
    const journeys = await listJourneys(workspaceId, [early]);
    expect(journeys[early]![0]!.message).toBe("The destination was connected after this call");
  });
});
