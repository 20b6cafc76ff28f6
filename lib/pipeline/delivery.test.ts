import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAction } from "@/lib/data/actions";
import { updateDestination } from "@/lib/data/destinations";
import pg from "pg";
import { db, getDbKind } from "@/lib/db";
import { OUTCOME_CHANNEL } from "@/lib/eventlog/outcome-notify";
import { connection } from "./sql-driver";
import { attemptsOf, createWebhookDestination, deliveriesOf, ingestCall, startReceiver, waitFor } from "./testing";
import { startWorker, type DeliveryWorker } from "./worker";

// The delivery engine end to end: calls through ingest, the real event log, the worker's lease and cursor,
// the Webhook definition performed through lib/destinations, and a real local HTTP receiver.

process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
process.env.SLUICE_RETRY_BASE_MS = "200";
process.env.SLUICE_RETRY_CAP_MS = "400";

const workspaces = new Set<string>();
let worker: DeliveryWorker;

beforeAll(() => {
  worker = startWorker({
    leaseMs: 3000,
    pollMs: 100,
    scope: { name: `delivery-test-${crypto.randomUUID()}`, includes: (ws) => workspaces.has(ws) },
  });
});
afterAll(() => worker.stop());

async function setUp(opts: Parameters<typeof createWebhookDestination>[0]) {
  const fixture = await createWebhookDestination(opts);
  workspaces.add(fixture.workspaceId);
  await worker.tick();
  await waitFor(() => worker.held().includes(fixture.destinationId), 5000, "the worker to claim the destination");
  return fixture;
}

const ingest = ingestCall;

describe("delivery", () => {
  it("writes a page's outcomes again when the database was busy, instead of delivering its events twice", async () => {
    const receiver = await startReceiver();
    const { writeKey, destinationId } = await setUp({ url: receiver.url });
    const conn = connection();
    const write = conn.writeAll.bind(conn);
    let failed = 0;
    const spy = vi.spyOn(conn, "writeAll").mockImplementation(async (statements, isFirstGuard) => {
      const isThisPage = statements.some(
        (s) => s.sql.includes('INSERT INTO "Delivery"') && s.params.includes(destinationId),
      );
      if (isThisPage && failed++ === 0) throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
      return write(statements, isFirstGuard);
    });
    try {
      await ingest(writeKey, "track", { userId: "u1", event: "Busy Moment" });
      const [delivery] = await waitFor(async () => {
        const rows = await deliveriesOf(destinationId);
        return rows.length === 1 && rows;
      });
      expect(delivery).toMatchObject({ status: "delivered", attempts: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(failed).toBe(2); // the busy write, then the one that went through
    await new Promise((r) => setTimeout(r, 1500)); // a runner that had gone back to its cursor performs again by now
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it("delivers a track call from ingest to a Webhook receiver: mapped body, valid X-Signature, outcome and attempt", async () => {
    const receiver = await startReceiver();
    const { writeKey, destinationId } = await setUp({ url: receiver.url, sharedSecret: "s3cret" });
    await ingest(writeKey, "track", { userId: "u1", event: "Order Completed", properties: { total: 42 } });
    await waitFor(() => receiver.received.length === 1, 10_000, "the webhook call");
    const [req] = receiver.received;
    const body = JSON.parse(req!.body);
    expect(body).toMatchObject({ type: "track", event: "Order Completed", userId: "u1", properties: { total: 42 } });
    expect(body.messageId).toEqual(expect.any(String));
    expect(req!.headers["x-signature"]).toBe(crypto.createHmac("sha1", "s3cret").update(req!.body).digest("hex"));
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(destinationId);
      return rows.length === 1 && rows;
    });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, statusCode: 200 });
    expect(delivery!.latencyMs).toBeGreaterThanOrEqual(0);
    const [attempt] = await attemptsOf(destinationId);
    expect(attempt).toMatchObject({ attempt: 1, ok: true, statusCode: 200 });
    const request = JSON.parse(attempt!.request!);
    expect(request).toMatchObject({ method: "POST", url: receiver.url });
    expect(JSON.stringify(request.headers)).not.toContain("s3cret");
    expect(JSON.parse(attempt!.response!)).toMatchObject({ status: 200 });
    await receiver.close();
  });

  it.runIf(getDbKind() === "postgresql")(
    "tells every other process of a page's outcomes by a NOTIFY sent with the page's commit",
    async () => {
      const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await listener.connect();
      const heard: { w: string; e: string[] }[] = [];
      listener.on("notification", (n) => n.channel === OUTCOME_CHANNEL && heard.push(JSON.parse(n.payload!)));
      await listener.query(`LISTEN ${OUTCOME_CHANNEL}`);
      try {
        const receiver = await startReceiver();
        const { workspaceId, writeKey, destinationId } = await setUp({ url: receiver.url });
        await ingest(writeKey, "track", { userId: "u1", event: "Seen Elsewhere" });
        const [delivery] = await waitFor(async () => {
          const rows = await deliveriesOf(destinationId);
          return rows.length === 1 && rows;
        });
        const eventId = String(delivery!.eventId);
        await waitFor(() => heard.some((m) => m.w === workspaceId && m.e.includes(eventId)), 5000, "the NOTIFY");
        await receiver.close();
      } finally {
        await listener.end();
      }
    },
  );

  it("an action and a connection saved just before a call apply to it, though the destination's runner already runs", async () => {
    const receiver = await startReceiver();
    const { workspaceId, sourceId, writeKey, destinationId } = await setUp({ url: receiver.url, actions: [] });
    await new Promise((r) => setTimeout(r, 300)); // the runner has read its configuration: no action yet
    await createAction(workspaceId, destinationId, {
      actionKey: "send",
      name: "Send",
      trigger: 'type = "track"',
      mapping: { url: receiver.url, method: "POST", data: { event: { "@path": "$.event" } } },
    });
    await ingest(writeKey, "track", { userId: "u1", event: "Right After The Action" });
    await waitFor(() => receiver.received.length === 1, 5000, "the call sent right after the action was saved");

    const other = await db.source.create({
      data: { workspaceId, type: "nodejs", name: "Second", writeKey: `wk_${crypto.randomBytes(8).toString("hex")}` },
    });
    await updateDestination(workspaceId, destinationId, { sourceIds: [sourceId, other.id] });
    await ingest(other.writeKey, "track", { userId: "u2", event: "Right After The Connection" });
    await waitFor(() => receiver.received.length === 2, 5000, "the call of the source connected just before");
    expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual([
      "Right After The Action",
      "Right After The Connection",
    ]);
    await receiver.close();
  });

  it("sends an identify to the action with an identify trigger and counts the rest as filtered", async () => {
    const receiver = await startReceiver();
    const { writeKey, destinationId, actionIds } = await setUp({
      url: receiver.url,
      actions: [
        { name: "Identify", trigger: 'type = "identify"' },
        { name: "Orders", trigger: 'type = "track" and event = "Order Completed"' },
      ],
    });
    await ingest(writeKey, "identify", { userId: "u2", traits: { email: "u2@example.com" } });
    await ingest(writeKey, "track", { userId: "u2", event: "Signed Up" });
    await waitFor(async () => (await deliveriesOf(destinationId)).length === 1 && receiver.received.length === 1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: "identify",
      traits: { email: "u2@example.com" },
    });
    const stats = await waitFor(async () => {
      const rows = await db.actionStat.findMany({
        where: { destinationId },
        select: { actionId: true, filtered: true },
      });
      return rows.reduce((n, r) => n + r.filtered, 0) === 3 && rows;
    });
    const byAction = Object.fromEntries(stats.map((s) => [s.actionId, s.filtered]));
    expect(byAction).toEqual({ [actionIds[0]!]: 1, [actionIds[1]!]: 2 });
    const [delivery] = await deliveriesOf(destinationId);
    expect(delivery).toMatchObject({ actionId: actionIds[0], status: "delivered" });
    await receiver.close();
  });

  it("500 then 200: delivered on attempt 2", async () => {
    const receiver = await startReceiver((r) => (r.n === 1 ? { status: 500, body: "boom" } : { status: 200 }));
    const { writeKey, destinationId } = await setUp({ url: receiver.url });
    await ingest(writeKey, "track", { userId: "u3", event: "Retry Me" });
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(destinationId);
      return rows[0]?.status === "delivered" && rows;
    });
    expect(delivery).toMatchObject({ attempts: 2, statusCode: 200 });
    const attempts = await attemptsOf(destinationId);
    expect(attempts.map((a) => [a.attempt, a.ok, a.statusCode])).toEqual([
      [1, false, 500],
      [2, true, 200],
    ]);
    expect(receiver.received).toHaveLength(2);
    await receiver.close();
  });

  it("400: failed, not retried", async () => {
    const receiver = await startReceiver(() => ({ status: 400, body: '{"error":"bad"}' }));
    const { writeKey, destinationId } = await setUp({ url: receiver.url });
    await ingest(writeKey, "track", { userId: "u4", event: "Bad" });
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(destinationId);
      return rows[0] && rows;
    });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, statusCode: 400, nextAttemptAt: null });
    await new Promise((r) => setTimeout(r, 1000)); // several backoff periods: still one request
    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesOf(destinationId))[0]!.status).toBe("failed");
    await receiver.close();
  });

  it("429 with Retry-After: 2 is retried no sooner than 2 s later", async () => {
    const receiver = await startReceiver((r) =>
      r.n === 1 ? { status: 429, headers: { "retry-after": "2" }, body: "slow down" } : { status: 200 },
    );
    const { writeKey, destinationId } = await setUp({ url: receiver.url });
    await ingest(writeKey, "track", { userId: "u5", event: "Throttled" });
    await waitFor(async () => (await deliveriesOf(destinationId))[0]?.status === "delivered", 15_000);
    const attempts = await attemptsOf(destinationId);
    expect(attempts.map((a) => a.statusCode)).toEqual([429, 200]);
    expect(attempts[1]!.startedAt.getTime() - attempts[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(2000);
    expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(2000);
    await receiver.close();
  });

  it("a receiver that never answers: timeout, retrying", async () => {
    const receiver = await startReceiver(() => "hang");
    const { writeKey, destinationId } = await setUp({
      url: receiver.url,
      delivery: { timeoutMs: 300, retryBaseMs: 60_000 },
    });
    await ingest(writeKey, "track", { userId: "u6", event: "Into The Void" });
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(destinationId);
      return rows[0] && rows;
    });
    expect(delivery!.status).toBe("retrying");
    expect(delivery!.lastError).toMatch(/time/i);
    expect(delivery!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    await receiver.close();
  });

  it("integrations: { All: false } delivers nothing; naming the destination lets it through", async () => {
    const receiver = await startReceiver();
    const { writeKey, destinationId } = await setUp({ url: receiver.url, name: "My hook" });
    await ingest(writeKey, "track", { userId: "u7", event: "Nope", integrations: { All: false } });
    await ingest(writeKey, "track", { userId: "u7", event: "Yes", integrations: { All: false, "My hook": true } });
    await waitFor(async () => (await deliveriesOf(destinationId)).length === 1);
    expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(["Yes"]);
    const stat = await waitFor(() => db.actionStat.findFirst({ where: { destinationId }, select: { filtered: true } }));
    expect(stat.filtered).toBe(1);
    await receiver.close();
  });
});
