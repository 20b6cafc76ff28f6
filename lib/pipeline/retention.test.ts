import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { trimWorkspaceEvents } from "@/lib/eventlog/retention";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { holdJobLease, releaseJobLease } from "./leases";

// Delivery outcomes go with their events' retention; once-per-deployment jobs run under one holder at a time.

const DAY_MS = 24 * 60 * 60 * 1000;

describe("retention of delivery outcomes", () => {
  it("deletes the trimmed events' deliveries, attempts and old filtered counts, and keeps the rest", async () => {
    const ws = await createTestWorkspace();
    const make = (ageDays: number) =>
      db.event.create({
        data: {
          workspaceId: ws.id,
          sourceId: "src",
          messageId: crypto.randomUUID(),
          type: "track",
          payload: "{}",
          receivedAt: new Date(Date.now() - ageDays * DAY_MS),
          status: "accepted",
        },
        select: { id: true },
      });
    const [old, recent] = [await make(10), await make(0)];
    for (const e of [old, recent]) {
      const common = { workspaceId: ws.id, eventId: e.id, destinationId: "d", actionId: "a" };
      await db.delivery.create({ data: { ...common, status: "delivered", attempts: 1 } });
      await db.deliveryAttempt.create({
        data: { ...common, attempt: 1, startedAt: new Date(), durationMs: 5, ok: true, statusCode: 200 },
      });
    }
    const hour = (ageDays: number) => new Date(Math.floor((Date.now() - ageDays * DAY_MS) / 3_600_000) * 3_600_000);
    await db.actionStat.createMany({
      data: [
        { actionId: "a", hour: hour(10), workspaceId: ws.id, destinationId: "d", filtered: 3 },
        { actionId: "a", hour: hour(0), workspaceId: ws.id, destinationId: "d", filtered: 4 },
      ],
    });
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 100 }, { pauseMs: 0 })).toBe(1);
    const left = { where: { workspaceId: ws.id }, select: { eventId: true } } as const;
    expect(await db.delivery.findMany(left)).toEqual([{ eventId: recent.id }]);
    expect(await db.deliveryAttempt.findMany(left)).toEqual([{ eventId: recent.id }]);
    const stats = await db.actionStat.findMany({ where: { workspaceId: ws.id }, select: { filtered: true } });
    expect(stats).toEqual([{ filtered: 4 }]);
  });
});

describe("job leases", () => {
  it("one holder at a time; the holder renews; an expired lease passes on", async () => {
    const name = `job:test-${crypto.randomUUID()}`;
    expect(await holdJobLease(name, "p1", 60_000)).toBe(true);
    expect(await holdJobLease(name, "p2", 60_000)).toBe(false);
    expect(await holdJobLease(name, "p1", 60_000)).toBe(true);
    await releaseJobLease(name, "p1");
    expect(await holdJobLease(name, "p2", 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await holdJobLease(name, "p1", 60_000)).toBe(true);
  });
});
