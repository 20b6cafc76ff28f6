import { afterAll, describe, expect, it } from "vitest";
import { db, getDbKind } from "@/lib/db";
import { appendEvents, closeEventLog } from "@/lib/eventlog";
import { listDeliveries } from "@/lib/data/deliveries";
import { listEvents } from "@/lib/data/events";
import { eventRow } from "@/lib/eventlog/testing";
import { seedMember } from "@/lib/testing/fixtures";
import type { OutcomeUpdate } from "./journey";
import { announceOutcomes, subscribeToOutcomes } from "./outcome-bus";
import { OUTCOME_CHANNEL } from "./outcome-notify";

// The outcome updates the debugger's stream pushes (in this process, and on PostgreSQL from another one), the
// person filter ("show all their calls" with their anonymous calls before identify) and Data Out's search.

afterAll(() => closeEventLog());

async function seedDelivery(workspaceId: string, eventId: string, status = "delivered") {
  return db.delivery.create({
    data: {
      workspaceId,
      eventId: BigInt(eventId),
      destinationId: "dest_test",
      actionId: `act_${eventId}`,
      status,
      attempts: 1,
      statusCode: 200,
    },
  });
}

function nextUpdates(workspaceId: string, timeoutMs = 5_000): Promise<OutcomeUpdate[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error("no outcome update"))), timeoutMs);
    const stop = subscribeToOutcomes(workspaceId, (updates) => {
      clearTimeout(timer);
      stop();
      resolve(updates);
    });
  });
}

describe("outcome updates", () => {
  it("publishes the announced events' deliveries to the workspace's subscribers, not to others", async () => {
    const { workspace } = await seedMember("member");
    const { workspace: other } = await seedMember("member");
    const [stored] = await appendEvents([eventRow(workspace.id)]);
    await seedDelivery(workspace.id, stored!.id);
    let otherHeard = 0;
    const stopOther = subscribeToOutcomes(other.id, () => otherHeard++);
    const heard = nextUpdates(workspace.id);
    announceOutcomes(workspace.id, [stored!.id]);
    const updates = await heard;
    stopOther();
    expect(updates).toEqual([expect.objectContaining({ eventId: stored!.id, status: "delivered", statusCode: 200 })]);
    expect(otherHeard).toBe(0);
  });

  it.runIf(getDbKind() === "postgresql")("carries another process's announcement over NOTIFY", async () => {
    const { workspace } = await seedMember("member");
    const [stored] = await appendEvents([eventRow(workspace.id)]);
    await seedDelivery(workspace.id, stored!.id, "failed");
    const heard = nextUpdates(workspace.id, 10_000);
    // What a worker process sends: its own process id, so this process reads the rows and publishes them.
    for (let i = 0; i < 20; i++) {
      await db.$queryRawUnsafe(
        `SELECT pg_notify($1, $2)::text AS "sent"`,
        OUTCOME_CHANNEL,
        JSON.stringify({ p: "another-process", w: workspace.id, e: [stored!.id] }),
      );
      const done = await Promise.race([heard.then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
      if (done) break; // the LISTEN connection may take a moment to open
    }
    expect(await heard).toEqual([expect.objectContaining({ eventId: stored!.id, status: "failed" })]);
  });
});

describe("the person filter", () => {
  it("lists a user's calls and the anonymous calls their identify linked, not other visitors'", async () => {
    const { workspace } = await seedMember("member");
    const ws = workspace.id;
    const [before, stranger, identify, after] = await appendEvents([
      eventRow(ws, { userId: null, anonymousId: "anon-1", name: "Viewed Pricing" }),
      eventRow(ws, { userId: null, anonymousId: "anon-2", name: "Viewed Pricing" }),
      eventRow(ws, { type: "identify", name: null, userId: "ada", anonymousId: "anon-1" }),
      eventRow(ws, { userId: "ada", name: "Order Completed" }),
    ]);
    const page = await listEvents(ws, { userId: "ada", identity: "any" }, { limit: 50 });
    expect(page.events.map((e) => e.id)).toEqual([after!.id, identify!.id, before!.id]);
    expect(page.events.map((e) => e.id)).not.toContain(stranger!.id);
    // Without identity "any", only the userId's own calls.
    const own = await listEvents(ws, { userId: "ada" }, { limit: 50 });
    expect(own.events.map((e) => e.id)).toEqual([after!.id, identify!.id]);
  });
});

describe("Data Out search", () => {
  it("finds deliveries by event name, userId or messageId, and by time", async () => {
    const { workspace } = await seedMember("member");
    const ws = workspace.id;
    const [a, b] = await appendEvents([
      eventRow(ws, { userId: "ada", name: "Order Completed", messageId: "m-ada" }),
      eventRow(ws, { userId: "bob", name: "Signed Up", messageId: "m-bob" }),
    ]);
    await seedDelivery(ws, a!.id);
    await seedDelivery(ws, b!.id);
    const found = async (q: string) => (await listDeliveries(ws, { q })).deliveries.map((d) => d.eventId);
    expect(await found("ada")).toEqual([a!.id]);
    expect(await found("m-bob")).toEqual([b!.id]);
    expect(await found("Signed")).toEqual([b!.id]);
    expect(await found("nobody")).toEqual([]);
    const listed = await listDeliveries(ws, {});
    expect(listed.deliveries[0]!.event).toMatchObject({ name: "Signed Up", userId: "bob", messageId: "m-bob" });
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await listDeliveries(ws, { from: future })).deliveries).toEqual([]);
  });
});
