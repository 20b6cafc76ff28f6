import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWebhookDestination, ingestCall, startReceiver, waitFor } from "@/lib/pipeline/testing";
import { startWorker, type DeliveryWorker } from "@/lib/pipeline/worker";
import { callRoute, seedMember } from "@/lib/testing/fixtures";
import * as deliveries from "@/app/api/workspaces/[workspaceId]/deliveries/route";
import * as delivery from "@/app/api/workspaces/[workspaceId]/deliveries/[deliveryId]/route";
import * as retry from "@/app/api/workspaces/[workspaceId]/deliveries/[deliveryId]/retry/route";
import * as discard from "@/app/api/workspaces/[workspaceId]/deliveries/[deliveryId]/discard/route";
import * as summary from "@/app/api/workspaces/[workspaceId]/deliveries/summary/route";
import * as retryFailed from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/retry-failed/route";
import * as replay from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/replay/route";
import * as replayJob from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/replays/[replayId]/route";
import * as resume from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/resume/route";

// The dead-letter, retry, replay and resume API over a real worker delivering to a local receiver.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
const workspaces = new Set<string>();
let worker: DeliveryWorker;
beforeAll(() => {
  worker = startWorker({
    leaseMs: 3000,
    pollMs: 100,
    scope: { name: `deliveries-api-${crypto.randomUUID()}`, includes: (ws) => workspaces.has(ws) },
  });
});
afterAll(() => worker.stop());

type Delivery = { id: string; status: string; eventId: string; attempts: number };

async function setUp(answer: Parameters<typeof startReceiver>[0]) {
  const member = await seedMember("member");
  workspaces.add(member.workspace.id);
  const receiver = await startReceiver(answer);
  const fixture = await createWebhookDestination({ url: receiver.url, workspaceId: member.workspace.id });
  await worker.tick();
  await waitFor(() => worker.held().includes(fixture.destinationId), 5000, "the claim");
  const ws = member.workspace.id;
  const get = (query: string) =>
    callRoute(deliveries.GET, { cookie: member.cookie, params: { workspaceId: ws }, url: `/?${query}` });
  return { ...fixture, receiver, cookie: member.cookie, ws, get };
}

describe("deliveries API", () => {
  it("lists failed deliveries in pages, shows attempts, retries one and all, discards", async () => {
    let healthy = false;
    const t = await setUp(() => (healthy ? { status: 200 } : { status: 400, body: '{"error":"nope"}' }));
    for (let i = 0; i < 3; i++) await ingestCall(t.writeKey, "track", { userId: `u${i}`, event: "Bad Thing" });
    await waitFor(
      async () => (await db.delivery.count({ where: { destinationId: t.destinationId, status: "failed" } })) === 3,
    );

    const first = await t.get(`destinationId=${t.destinationId}&status=failed&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.deliveries).toHaveLength(2);
    const second = await t.get(
      `destinationId=${t.destinationId}&status=failed&limit=2&before=${first.body.nextCursor}`,
    );
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all: Delivery[] = [...first.body.deliveries, ...second.body.deliveries];

    const detail = await callRoute(delivery.GET, {
      cookie: t.cookie,
      params: { workspaceId: t.ws, deliveryId: all[0]!.id },
    });
    expect(detail.body.attemptLog).toHaveLength(1);
    expect(detail.body.attemptLog[0]).toMatchObject({ ok: false, statusCode: 400, response: { status: 400 } });
    expect(detail.body.attemptLog[0].request).toMatchObject({ method: "POST", url: t.receiver.url });

    const discarded = await callRoute(discard.POST, {
      cookie: t.cookie,
      params: { workspaceId: t.ws, deliveryId: all[2]!.id },
    });
    expect(discarded.body.status).toBe("discarded");

    healthy = true;
    const one = await callRoute(retry.POST, {
      cookie: t.cookie,
      params: { workspaceId: t.ws, deliveryId: all[0]!.id },
    });
    expect(one.body.status).toBe("retrying");
    await waitFor(async () => (await t.get(`eventId=${all[0]!.eventId}`)).body.deliveries[0].status === "delivered");
    const rest = await callRoute(retryFailed.POST, {
      method: "POST",
      cookie: t.cookie,
      params: { workspaceId: t.ws, destinationId: t.destinationId },
    });
    expect(rest.body).toEqual({ retried: 1 });
    await waitFor(
      async () => (await t.get(`destinationId=${t.destinationId}&status=delivered`)).body.deliveries.length === 2,
    );
    const counts = await callRoute(summary.GET, {
      cookie: t.cookie,
      params: { workspaceId: t.ws },
      url: `/?destinationId=${t.destinationId}`,
    });
    expect(counts.body.counts).toMatchObject({ delivered: 2, discarded: 1, failed: 0 });

    const again = await callRoute(retry.POST, {
      cookie: t.cookie,
      params: { workspaceId: t.ws, deliveryId: all[0]!.id },
    });
    expect(again.status).toBe(409);
    await t.receiver.close();
  });

  it("searches by event name in any case, by userId and by messageId", async () => {
    const t = await setUp(() => ({ status: 200 }));
    await ingestCall(t.writeKey, "track", { userId: "buyer-1", event: "Order Completed" });
    await ingestCall(t.writeKey, "track", { userId: "browser-2", event: "Product Viewed", messageId: "m-viewed" });
    await waitFor(
      async () => (await db.delivery.count({ where: { destinationId: t.destinationId, status: "delivered" } })) === 2,
    );
    const ids = async (q: string) =>
      ((await t.get(`destinationId=${t.destinationId}&q=${encodeURIComponent(q)}`)).body.deliveries as Delivery[]).map(
        (d) => d.eventId,
      );
    const [completed, viewed] = await Promise.all([ids("Order Completed"), ids("m-viewed")]);
    expect(completed).toHaveLength(1);
    expect(viewed).toHaveLength(1);
    expect(await ids("order comp")).toEqual(completed);
    expect(await ids("VIEWED")).toEqual(viewed);
    expect(await ids("buyer-1")).toEqual(completed);
    expect(await ids("Buyer-1")).toEqual([]); // ids are exact
    await t.receiver.close();
  });

  it("explains a filtered event and refuses bad queries", async () => {
    const t = await setUp(() => ({ status: 200 }));
    await ingestCall(t.writeKey, "identify", { userId: "who", traits: { a: 1 } });
    const event = await waitFor(() => db.event.findFirst({ where: { workspaceId: t.ws }, select: { id: true } }));
    const res = await t.get(`eventId=${event.id}`);
    expect(res.body.deliveries).toEqual([]);
    expect(res.body.routing).toEqual([
      expect.objectContaining({
        destinationId: t.destinationId,
        actions: [expect.objectContaining({ taken: false, reason: "trigger" })],
      }),
    ]);
    expect((await t.get("status=lost")).status).toBe(422);
    expect((await t.get("eventId=abc")).status).toBe(422);
    const other = await seedMember("owner");
    const leak = await callRoute(retryFailed.POST, {
      method: "POST",
      cookie: other.cookie,
      params: { workspaceId: other.workspace.id, destinationId: t.destinationId },
    });
    expect(leak.status).toBe(404);
    await t.receiver.close();
  });

  it("replays a time range to a destination added afterwards: all delivered, progress 100 %", async () => {
    const t = await setUp(() => ({ status: 200 }));
    const from = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i++) await ingestCall(t.writeKey, "track", { userId: `r${i}`, event: "Old News" });
    await waitFor(() => t.receiver.received.length === 5);
    // A second destination on the same source, created after those events: it starts at "now".
    const later = await startReceiver();
    const added = await createWebhookDestination({ url: later.url, workspaceId: t.ws, sourceId: t.sourceId });
    await worker.tick();
    await waitFor(() => worker.held().includes(added.destinationId));
    await ingestCall(t.writeKey, "track", { userId: "new", event: "Fresh" });
    await waitFor(() => later.received.length === 1);
    expect(JSON.parse(later.received[0]!.body).event).toBe("Fresh");
    // Why an old call did not reach the new destination: connected after it (and the first one routed it).
    const old = await db.event.findFirstOrThrow({
      where: { workspaceId: t.ws, name: "Old News" },
      select: { id: true },
    });
    expect((await t.get(`eventId=${old.id}`)).body.routing).toEqual([
      expect.objectContaining({
        destinationId: t.destinationId,
        isRouted: true,
        actions: [expect.objectContaining({ taken: true })],
      }),
      expect.objectContaining({
        destinationId: added.destinationId,
        actions: [expect.objectContaining({ taken: false, reason: "before_destination" })],
      }),
    ]);

    const params = { workspaceId: t.ws, destinationId: added.destinationId };
    const bad = await callRoute(replay.POST, { method: "POST", cookie: t.cookie, params, body: { from: "yesterday" } });
    expect(bad.status).toBe(422);
    const job = await callRoute(replay.POST, { method: "POST", cookie: t.cookie, params, body: { from } });
    expect(job.status).toBe(201);
    expect(job.body).toMatchObject({ status: "running", total: 6 });
    const done = await waitFor(async () => {
      const r = await callRoute(replayJob.GET, { cookie: t.cookie, params: { ...params, replayId: job.body.id } });
      return r.body.progress === 100 && r.body;
    });
    expect(done).toMatchObject({ status: "done", processed: 6, total: 6 });
    const events = later.received.map((r) => JSON.parse(r.body).event);
    expect(events.filter((e) => e === "Old News")).toHaveLength(5);
    expect(events.filter((e) => e === "Fresh")).toHaveLength(2); // live, then replayed: at-least-once
    await t.receiver.close();
    await later.close();
  });

  it("resumes a destination that was off: its backlog, or from now", async () => {
    const t = await setUp(() => ({ status: 200 }));
    await ingestCall(t.writeKey, "track", { userId: "a", event: "Before" });
    await waitFor(() => t.receiver.received.length === 1);
    await db.destination.update({ where: { id: t.destinationId }, data: { enabled: false } });
    await waitFor(async () => (await worker.tick(), !worker.held().includes(t.destinationId)));
    await ingestCall(t.writeKey, "track", { userId: "a", event: "Meanwhile" });
    const params = { workspaceId: t.ws, destinationId: t.destinationId };
    const preview = await callRoute(resume.GET, { cookie: t.cookie, params });
    expect(preview.body).toEqual({ enabled: false, backlog: 1 });
    const resumed = await callRoute(resume.POST, {
      method: "POST",
      cookie: t.cookie,
      params,
      body: { mode: "backlog" },
    });
    expect(resumed.body.enabled).toBe(true);
    await worker.tick();
    await waitFor(() => t.receiver.received.length === 2);
    expect(JSON.parse(t.receiver.received[1]!.body).event).toBe("Meanwhile");

    await db.destination.update({ where: { id: t.destinationId }, data: { enabled: false } });
    await waitFor(async () => (await worker.tick(), !worker.held().includes(t.destinationId)));
    await ingestCall(t.writeKey, "track", { userId: "a", event: "Skipped" });
    const now = await callRoute(resume.POST, { method: "POST", cookie: t.cookie, params, body: { mode: "now" } });
    expect(now.body).toEqual({ enabled: true, backlog: 0 });
    await worker.tick();
    await ingestCall(t.writeKey, "track", { userId: "a", event: "After" });
    await waitFor(() => t.receiver.received.length === 3);
    expect(t.receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(["Before", "Meanwhile", "After"]);
    const badMode = await callRoute(resume.POST, { method: "POST", cookie: t.cookie, params, body: { mode: "later" } });
    expect(badMode.status).toBe(422);
    await t.receiver.close();
  });
});
