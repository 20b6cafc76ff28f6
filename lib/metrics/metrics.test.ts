import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWebhookDestination, ingestCall, startReceiver, waitFor } from "@/lib/pipeline/testing";
import { startWorker, type DeliveryWorker } from "@/lib/pipeline/worker";
import { getMetrics } from "./index";
import { countIngestBacklog, countIngestBatch } from "./ingest";
import { minuteOf } from "./range";
import { trimMetrics } from "./retention";
import type { DestinationMetricsDto, SourceMetricsDto, WorkspaceMetricsDto } from "./types";

// The aggregates against the real engine and event log: a scripted load through ingest and a real receiver
// (200 or 400 by the call), then the metrics equal what was sent, for the destination, the source and the
// workspace.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
const workspaces = new Set<string>();
const scope = { name: `metrics-test-${crypto.randomUUID()}`, includes: (ws: string) => workspaces.has(ws) };
let worker: DeliveryWorker;
beforeAll(() => {
  worker = startWorker({ leaseMs: 1500, pollMs: 100, scope });
});
afterAll(() => worker.stop());

const N = 7; // delivered
const M = 3; // failed (the receiver answers 400)
const K = 4; // filtered (identify calls; the action takes tracks)

describe("metrics after a scripted load", () => {
  let fixture: Awaited<ReturnType<typeof createWebhookDestination>>;

  beforeAll(async () => {
    const receiver = await startReceiver((r) =>
      JSON.parse(r.body).properties?.fail ? { status: 400, body: '{"error":"bad order"}' } : { status: 200 },
    );
    fixture = await createWebhookDestination({ url: receiver.url, name: "Metrics hook" });
    workspaces.add(fixture.workspaceId);
    await worker.tick();
    await waitFor(() => worker.held().includes(fixture.destinationId), 5000, "the claim");
    const batch = [
      ...Array.from({ length: N }, (_, i) => ({ type: "track", event: "Order Completed", userId: `u${i}` })),
      ...Array.from({ length: M }, (_, i) => ({
        type: "track",
        event: "Order Refunded",
        userId: `f${i}`,
        properties: { fail: true },
      })),
      ...Array.from({ length: K }, (_, i) => ({ type: "identify", userId: `i${i}`, traits: { plan: "pro" } })),
    ];
    await ingestCall(fixture.writeKey, "batch", { batch });
    await waitFor(
      async () => (await db.delivery.count({ where: { destinationId: fixture.destinationId } })) === N + M,
      15_000,
      "every delivery",
    );
    await waitFor(
      async () =>
        (
          await db.metricDelivery.aggregate({
            where: { destinationId: fixture.destinationId, span: 1 },
            _sum: { filtered: true },
          })
        )._sum.filtered === K,
      10_000,
      "the filtered count",
    );
    await receiver.close();
  });

  it("the destination's counts equal N delivered, M failed, K filtered, in every range", async () => {
    for (const range of ["1h", "24h", "7d"] as const) {
      const m = (await getMetrics(fixture.workspaceId, {
        scope: "destination",
        id: fixture.destinationId,
        range,
      })) as DestinationMetricsDto;
      expect(m.totals).toEqual({ delivered: N, failed: M, dead: 0, retrying: 0, filtered: K });
      expect(m.series.reduce((n, p) => n + p.delivered, 0)).toBe(N);
      expect(m.latency.count).toBe(N);
      expect(m.latency.p50).not.toBeNull();
      expect(m.latency.p95!).toBeGreaterThanOrEqual(m.latency.p50!);
      expect(m.topErrors).toHaveLength(1);
      expect(m.topErrors[0]).toMatchObject({ count: M, destinationId: fixture.destinationId });
      expect(m.topErrors[0]!.message).toContain("400");
      expect(m.actions).toEqual([
        { actionId: fixture.actionIds[0], delivered: N, failed: M, dead: 0, retrying: 0, filtered: K },
      ]);
    }
    const hour = (await getMetrics(fixture.workspaceId, {
      scope: "destination",
      id: fixture.destinationId,
      range: "1h",
    })) as DestinationMetricsDto;
    expect(hour.series).toHaveLength(60);
    expect(hour.stepMinutes).toBe(1);
  });

  it("the source's calls by type and name, once the worker's job has counted the log", async () => {
    await countIngestBacklog(1000);
    const m = (await getMetrics(fixture.workspaceId, {
      scope: "source",
      id: fixture.sourceId,
      range: "24h",
    })) as SourceMetricsDto;
    expect(m.totals).toEqual({ received: N + M + K, accepted: N + M + K, rejected: 0 });
    expect(m.byType).toEqual([
      { type: "track", received: N + M, accepted: N + M, rejected: 0 },
      { type: "identify", received: K, accepted: K, rejected: 0 },
    ]);
    expect(m.topEvents).toEqual([
      { type: "track", name: "Order Completed", count: N },
      { type: "track", name: "Order Refunded", count: M },
    ]);
    expect(m.delivery).toEqual({ delivered: N, failed: M, dead: 0, retrying: 0 });
    expect(m.series).toHaveLength(24);
  });

  it("counts rejected calls by the type they claimed, and never counts a call twice", async () => {
    await db.event.create({
      data: {
        workspaceId: fixture.workspaceId,
        sourceId: fixture.sourceId,
        messageId: crypto.randomUUID(),
        type: "track",
        payload: "{not json",
        receivedAt: new Date(),
        status: "rejected",
        reason: "invalid JSON",
      },
    });
    // Two counters at once (two processes that both think they run the job): the cursor lets one win.
    await Promise.all([countIngestBatch(), countIngestBatch(), countIngestBatch()]);
    await countIngestBacklog(1000);
    await countIngestBacklog(1000);
    const m = (await getMetrics(fixture.workspaceId, {
      scope: "source",
      id: fixture.sourceId,
      range: "1h",
    })) as SourceMetricsDto;
    expect(m.totals).toEqual({ received: N + M + K + 1, accepted: N + M + K, rejected: 1 });
    expect(m.byType.find((t) => t.type === "track")).toEqual({
      type: "track",
      received: N + M + 1,
      accepted: N + M,
      rejected: 1,
    });
  });

  it("the workspace: per source, per destination (with latency) and per connection", async () => {
    const m = (await getMetrics(fixture.workspaceId, { scope: "workspace", range: "24h" })) as WorkspaceMetricsDto;
    expect(m.sources).toEqual([
      { sourceId: fixture.sourceId, received: N + M + K + 1, accepted: N + M + K, rejected: 1 },
    ]);
    expect(m.destinations).toHaveLength(1);
    expect(m.destinations[0]).toMatchObject({
      destinationId: fixture.destinationId,
      delivered: N,
      failed: M,
      filtered: K,
    });
    expect(m.destinations[0]!.latency.count).toBe(N);
    expect(m.connections).toEqual([
      {
        sourceId: fixture.sourceId,
        destinationId: fixture.destinationId,
        delivered: N,
        failed: M,
        dead: 0,
        retrying: 0,
      },
    ]);
    expect(m.delivery.totals.delivered).toBe(N);
    expect(m.delivery.latency.count).toBe(N);
    expect(m.ingest.totals.received).toBe(N + M + K + 1);
  });

  it("refuses another workspace's destination and source (404)", async () => {
    const other = await createWebhookDestination({ url: "http://127.0.0.1:9/none" });
    await expect(
      getMetrics(fixture.workspaceId, { scope: "destination", id: other.destinationId, range: "24h" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      getMetrics(fixture.workspaceId, { scope: "source", id: other.sourceId, range: "24h" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("metrics retention", () => {
  it("deletes minute rows after 2 days and hour rows after 8, keeps the rest", async () => {
    const now = new Date();
    const minute = minuteOf(now);
    const base = { workspaceId: `ws-trim-${crypto.randomUUID()}`, destinationId: "d", sourceId: "s" };
    const rows = [
      { actionId: "keep-minute", span: 1, minute: minute - 60 },
      { actionId: "old-minute", span: 1, minute: minute - 3 * 24 * 60 },
      { actionId: "keep-hour", span: 60, minute: minute - (minute % 60) - 6 * 24 * 60 },
      { actionId: "old-hour", span: 60, minute: minute - (minute % 60) - 9 * 24 * 60 },
    ];
    await db.metricDelivery.createMany({ data: rows.map((r) => ({ ...base, ...r, delivered: 1 })) });
    await trimMetrics(now);
    const left = await db.metricDelivery.findMany({
      where: { workspaceId: base.workspaceId },
      select: { actionId: true },
    });
    expect(left.map((r) => r.actionId).sort()).toEqual(["keep-hour", "keep-minute"]);
  });
});
