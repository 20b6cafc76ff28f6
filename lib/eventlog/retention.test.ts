import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { connection } from "@/lib/pipeline/sql-driver";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { runRetentionOnce, startRetention, trimWorkspaceEvents } from "./retention";

const DAY_MS = 24 * 60 * 60 * 1000;
const fast = { pauseMs: 0 };

/** Seeds one event per entry (oldest first, so ids rise with the list), each `ageDays` old; returns their ids. */
async function seedEvents(workspaceId: string, agesDays: number[]): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const age of agesDays) {
    const event = await db.event.create({
      data: {
        workspaceId,
        sourceId: "src_test",
        messageId: crypto.randomUUID(),
        type: "track",
        name: "Signed Up",
        payload: "{}",
        receivedAt: new Date(Date.now() - age * DAY_MS),
        status: "accepted",
      },
      select: { id: true },
    });
    ids.push(event.id);
  }
  return ids;
}

async function seedDeliveries(workspaceId: string, eventIds: bigint[]) {
  await db.delivery.createMany({
    data: eventIds.map((eventId) => ({
      workspaceId,
      eventId,
      destinationId: "dst_test",
      actionId: "act_test",
      status: "delivered",
    })),
  });
}

async function remainingIds(workspaceId: string): Promise<bigint[]> {
  const rows = await db.event.findMany({ where: { workspaceId }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

describe("trimWorkspaceEvents", () => {
  it("deletes events older than maxAgeDays and keeps the rest", async () => {
    const ws = await createTestWorkspace();
    const ids = await seedEvents(ws.id, [10, 8, 7.01, 6.99, 1, 0]);
    const deleted = await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 1000 }, fast);
    expect(deleted).toBe(3);
    expect(await remainingIds(ws.id)).toEqual(ids.slice(3));
  });

  it("keeps exactly the newest maxEvents", async () => {
    const ws = await createTestWorkspace();
    const ids = await seedEvents(ws.id, [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 5 }, fast)).toBe(3);
    expect(await remainingIds(ws.id)).toEqual(ids.slice(3));
    // At or under the limit: nothing to do.
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 5 }, fast)).toBe(0);
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 50 }, fast)).toBe(0);
    expect(await remainingIds(ws.id)).toEqual(ids.slice(3));
  });

  it("applies both limits: age first, then count", async () => {
    const ws = await createTestWorkspace();
    const ids = await seedEvents(ws.id, [9, 9, 3, 2, 1, 0]);
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 3 }, fast)).toBe(3);
    expect(await remainingIds(ws.id)).toEqual(ids.slice(3));
  });

  it("leaves other workspaces untouched", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    await seedEvents(ws.id, [30, 30, 0, 0]);
    const otherIds = await seedEvents(other.id, [30, 30, 0, 0]);
    await seedDeliveries(other.id, otherIds);
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 1 }, fast)).toBe(3);
    expect(await remainingIds(other.id)).toEqual(otherIds);
    expect(await db.delivery.count({ where: { workspaceId: other.id } })).toBe(4);
  });

  it("works in batches: batchSize 3 on 10 rows deletes all that should go", async () => {
    const ws = await createTestWorkspace();
    const old = await seedEvents(ws.id, Array(10).fill(20));
    const recent = await seedEvents(ws.id, Array(10).fill(0));
    const spy = vi.spyOn(connection(), "writeAll"); // one transaction per batch
    try {
      expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 1000 }, { batchSize: 3, pauseMs: 0 })).toBe(
        10,
      );
      expect(spy).toHaveBeenCalledTimes(4); // 3 + 3 + 3 + 1
      spy.mockClear();
      expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 2 }, { batchSize: 3, pauseMs: 0 })).toBe(8);
      expect(spy).toHaveBeenCalledTimes(3); // 3 + 3 + 2
    } finally {
      spy.mockRestore();
    }
    expect(old.length).toBe(10);
    expect(await remainingIds(ws.id)).toEqual(recent.slice(8));
  });

  it("deletes the deliveries of deleted events, and only those", async () => {
    const ws = await createTestWorkspace();
    const ids = await seedEvents(ws.id, [20, 20, 20, 0, 0]);
    await seedDeliveries(ws.id, ids);
    expect(await trimWorkspaceEvents(ws.id, { maxAgeDays: 7, maxEvents: 1 }, { batchSize: 2, pauseMs: 0 })).toBe(4);
    const left = await db.delivery.findMany({ where: { workspaceId: ws.id }, select: { eventId: true } });
    expect(left.map((d) => d.eventId)).toEqual([ids[4]]);
  });
});

describe("runRetentionOnce", () => {
  it("uses each workspace's settings, and the defaults without a settings row", async () => {
    const custom = await createTestWorkspace();
    await db.workspaceSettings.update({
      where: { workspaceId: custom.id },
      data: { retentionDays: 2, retentionMaxEvents: 2 },
    });
    const bare = await db.workspace.create({ data: { name: "No settings" }, select: { id: true } });
    const customIds = await seedEvents(custom.id, [3, 1, 1, 0]);
    const bareIds = await seedEvents(bare.id, [8, 6, 0]);
    const deleted = await runRetentionOnce({ workspaceIds: [custom.id, bare.id], pauseMs: 0 });
    expect(deleted).toBe(3);
    expect(await remainingIds(custom.id)).toEqual(customIds.slice(2));
    expect(await remainingIds(bare.id)).toEqual(bareIds.slice(1));
  });

  it("discards held anonymous activity nobody identified within the merge window, and only that", async () => {
    const ws = await createTestWorkspace();
    await db.workspaceSettings.update({ where: { workspaceId: ws.id }, data: { anonymousMergeWindow: 30 } });
    const held = (anonymousId: string, ageDays: number) => ({
      workspaceId: ws.id,
      anonymousId,
      type: "page",
      name: "/pricing",
      data: "{}",
      timestamp: new Date(Date.now() - ageDays * DAY_MS),
    });
    await db.personEvent.createMany({ data: [held("anon-old", 31), held("anon-new", 29)] });
    await runRetentionOnce({ workspaceIds: [ws.id], pauseMs: 0 });
    const left = await db.personEvent.findMany({ where: { workspaceId: ws.id }, select: { anonymousId: true } });
    expect(left).toEqual([{ anonymousId: "anon-new" }]);
  });
});

describe("startRetention", () => {
  afterEach(() => {
    delete process.env.SLUICE_RETENTION;
  });

  it("starts one loop per process, and none when SLUICE_RETENTION=0", () => {
    process.env.SLUICE_RETENTION = "0";
    expect(startRetention()).toBeNull();
    delete process.env.SLUICE_RETENTION;
    const first = startRetention({ firstDelayMs: 60_000 });
    try {
      expect(first).not.toBeNull();
      expect(startRetention()).toBe(first);
    } finally {
      first?.stop();
    }
    const again = startRetention({ firstDelayMs: 60_000 });
    expect(again).not.toBe(first);
    again?.stop();
  });
});
