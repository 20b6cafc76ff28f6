import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closeEventLog } from "@/lib/eventlog";
import { listEvents } from "@/lib/data/events";
import { streamTiming } from "@/lib/eventlog/stream";
import { appendTestEvents, eventRow, readSse } from "@/lib/eventlog/testing";
import { appendEvents } from "@/lib/eventlog";
import { basic, createTestSource } from "@/lib/ingest/testing";
import { handleIngest } from "@/lib/ingest";
import {
  addMember,
  callRoute,
  createTestAppKey,
  createTestUser,
  seedMember,
  sessionCookie,
} from "@/lib/testing/fixtures";
import { getAuthOptions } from "@/lib/auth/options";
import { createUserSession } from "@/lib/data/sessions";
import * as events from "@/app/api/workspaces/[workspaceId]/events/route";
import * as stream from "@/app/api/workspaces/[workspaceId]/events/stream/route";

afterAll(() => closeEventLog());
const defaultHeartbeat = streamTiming.heartbeatMs;
afterEach(() => {
  streamTiming.heartbeatMs = defaultHeartbeat;
});

type Item = { id: string; type: string; name: string | null; sourceId: string; status: string; payload: unknown };

async function list(workspaceId: string, cookie: string, query = "") {
  return callRoute(events.GET, { cookie, params: { workspaceId }, url: `/?${query}` });
}

const ids = (items: Item[]) => items.map((e) => e.id);

async function openStream(
  workspaceId: string,
  init: { cookie?: string; bearer?: string; query?: string; lastEventId?: string },
) {
  const controller = new AbortController();
  const headers = new Headers();
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  if (init.lastEventId) headers.set("last-event-id", init.lastEventId);
  const res = await stream.GET(
    new Request(`http://localhost/stream?${init.query ?? ""}`, { headers, signal: controller.signal }),
    { params: Promise.resolve({ workspaceId }) },
  );
  return { res, abort: () => controller.abort() };
}

describe("events API", () => {
  it("pages newest first with a cursor that stays stable while new events arrive", async () => {
    const { workspace, cookie } = await seedMember("member");
    const original = await appendTestEvents(workspace.id, 120);
    const first = await list(workspace.id, cookie, "limit=50");
    expect(first.status).toBe(200);
    expect(ids(first.body.events)).toEqual(original.slice(70).reverse());
    expect(first.body.nextCursor).toBe(original[70]);
    expect(first.body.latestId).toBe(original[119]);

    await appendTestEvents(workspace.id, 30); // newer than everything paged so far
    const second = await list(workspace.id, cookie, `limit=50&before=${first.body.nextCursor}`);
    expect(ids(second.body.events)).toEqual(original.slice(20, 70).reverse());
    const third = await list(workspace.id, cookie, `limit=50&before=${second.body.nextCursor}`);
    expect(ids(third.body.events)).toEqual(original.slice(0, 20).reverse());
    expect(third.body.nextCursor).toBeNull();

    const defaults = await list(workspace.id, cookie);
    expect(defaults.body.events).toHaveLength(50);
    const item = defaults.body.events[0];
    expect(item).toMatchObject({
      type: "track",
      name: "Order Completed",
      userId: "u1",
      status: "accepted",
      reason: null,
    });
    expect(item.payload).toMatchObject({ properties: { total: 42 } });
    expect(item.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("combines filters, searches the payload case-insensitively and keeps other workspaces out", async () => {
    const { workspace, cookie } = await seedMember("member");
    const other = await seedMember("owner");
    const ws = workspace.id;
    const [trackA] = await appendTestEvents(ws, 1, { sourceId: "A", type: "track", name: "Order Completed" });
    const [trackB] = await appendTestEvents(ws, 1, { sourceId: "B", type: "track", name: "Signed Up", userId: "u2" });
    const [identifyA] = await appendTestEvents(ws, 1, {
      sourceId: "A",
      type: "identify",
      name: null,
      anonymousId: "anon-1",
      userId: null,
    });
    const [rejected] = await appendEvents([
      eventRow(ws, {
        sourceId: "A",
        status: "rejected",
        reason: "userId or anonymousId is required",
        reasonCode: "missing_identity",
        payload: "{not json 50%",
        userId: null,
      }),
    ]).then((r) => r.map((e) => e.id));
    await appendTestEvents(other.workspace.id, 3, { sourceId: "A" });

    const query = async (q: string) => ids((await list(ws, cookie, q)).body.events);
    expect(await query("sourceId=A")).toEqual([rejected, identifyA, trackA]);
    expect(await query("sourceId=A&type=track")).toEqual([rejected, trackA]);
    expect(await query("sourceId=A&type=track&status=accepted")).toEqual([trackA]);
    expect(await query("status=rejected")).toEqual([rejected]);
    expect(await query("event=Signed+Up")).toEqual([trackB]);
    expect(await query("userId=u2")).toEqual([trackB]);
    expect(await query("anonymousId=anon-1")).toEqual([identifyA]);
    expect(await query("q=ORDER+completed")).toEqual([trackA]);
    expect(await query("q=50%25")).toEqual([rejected]); // % is literal, not a wildcard
    expect(await query("q=u2&type=track")).toEqual([trackB]);
    expect(await query("type=&status=")).toHaveLength(4); // cleared filters
    expect((await list(ws, cookie, "type=screen")).body).toEqual({ events: [], nextCursor: null, latestId: rejected });
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await query(`from=${encodeURIComponent(future)}`)).toEqual([]);
    expect(await query(`to=${encodeURIComponent(future)}&type=identify`)).toEqual([identifyA]);

    const raw = (await list(ws, cookie, "status=rejected")).body.events[0];
    expect(raw).toMatchObject({
      payload: "{not json 50%",
      reason: "userId or anonymousId is required",
      reasonCode: "missing_identity",
    });
  });

  it("bounds unindexed filters by a scan window and pages on through it", async () => {
    const { workspace } = await seedMember("member");
    const all = await appendTestEvents(workspace.id, 30);
    const needles = [all[3]!, all[17]!];
    await db.event.updateMany({ where: { id: { in: needles.map(BigInt) } }, data: { payload: '{"sku":"NEEDLE"}' } });
    const found: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listEvents(workspace.id, { q: "needle" }, { before, limit: 50, window: 10 });
      found.push(...page.events.map((e) => e.id));
      before = page.nextCursor ?? undefined;
      pages++;
    } while (before);
    expect(found).toEqual([...needles].reverse());
    expect(pages).toBe(4); // windows of 10 over 30 events, then the empty page below the oldest
  });

  it("answers 422 for bad parameters, 404 for another workspace, and lets read-only keys in", async () => {
    const { workspace, cookie } = await seedMember("member");
    for (const bad of [
      "limit=500",
      "limit=0",
      "limit=x",
      "status=lost",
      "before=abc",
      "from=yesterday",
      "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
    ]) {
      const res = await list(workspace.id, cookie, bad);
      expect(res.status, bad).toBe(422);
      expect(res.body.error.code).toBe("validation_failed");
    }
    const other = await seedMember("owner");
    expect((await list(other.workspace.id, cookie)).status).toBe(404);
    expect((await openStream(other.workspace.id, { cookie })).res.status).toBe(404);
    expect((await openStream(workspace.id, { cookie, query: "status=lost" })).res.status).toBe(422);
    expect((await callRoute(events.GET, { params: { workspaceId: workspace.id } })).status).toBe(401);
    const key = await createTestAppKey(workspace.id, "read");
    expect((await callRoute(events.GET, { bearer: key, params: { workspaceId: workspace.id } })).status).toBe(200);
  });
});

describe("events stream", () => {
  it("delivers a call within a second of its 200, filtered server-side", async () => {
    const source = await createTestSource();
    const user = await createTestUser();
    await addMember(source.workspaceId, user.id, "member");
    const cookie = await sessionCookie(user.id);
    const { res, abort } = await openStream(source.workspaceId, { cookie, query: "type=track" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const sse = readSse(res);
    const send = (type: string, body: object) =>
      handleIngest(
        new Request(`http://localhost/v1/${type}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: basic(source.writeKey) },
          body: JSON.stringify(body),
        }),
        type as "track",
      );
    expect((await send("identify", { userId: "u1", traits: { plan: "pro" } })).status).toBe(200);
    const sentAt = Date.now();
    expect((await send("track", { userId: "u1", event: "Order Completed", properties: { total: 42 } })).status).toBe(
      200,
    );
    const [message] = await sse.take(1, 1_000);
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    const event = JSON.parse(message!.data);
    expect(message!.id).toBe(event.id);
    expect(event).toMatchObject({ type: "track", name: "Order Completed", sourceId: source.id, status: "accepted" });
    expect(event.payload).toMatchObject({ event: "Order Completed", properties: { total: 42 } });
    abort();
    expect(await sse.waitForEnd(1_000)).toBe(true);
  });

  it("resumes from Last-Event-ID without a gap or a duplicate", async () => {
    const { workspace, cookie } = await seedMember("member");
    const ws = workspace.id;
    const first = await openStream(ws, { cookie });
    const sse = readSse(first.res);
    const live = await appendTestEvents(ws, 3);
    const got = await sse.take(3);
    expect(got.map((m) => m.id)).toEqual(live);
    first.abort();

    const missed = await appendTestEvents(ws, 7); // while disconnected
    await appendTestEvents(ws, 2, { type: "identify", name: null }); // filtered out below
    // Reconnect while more calls keep arriving: they land in the replay or live, never twice, never lost.
    const resumed = await openStream(ws, { cookie, lastEventId: got[2]!.id, query: "type=track" });
    const during = appendTestEvents(ws, 5);
    const sse2 = readSse(resumed.res);
    const after = await during;
    const more = await appendTestEvents(ws, 2);
    const received = (await sse2.take(14)).map((m) => m.id);
    expect(received).toEqual([...missed, ...after, ...more]);
    await appendTestEvents(ws, 1, { type: "identify", name: null });
    expect(await sse2.waitForEnd(300)).toBe(false);
    expect(sse2.pending()).toBe(0);
    resumed.abort();

    // ?lastEventId= works as the header does (the first connect of a page that loaded history).
    const byQuery = await openStream(ws, { cookie, query: `lastEventId=${after[4]}&type=track` });
    expect((await readSse(byQuery.res).take(2)).map((m) => m.id)).toEqual(more);
    byQuery.abort();
  });

  it("ends when the member is removed from the workspace, and when a key is revoked", async () => {
    streamTiming.heartbeatMs = 100;
    const { workspace, user, cookie } = await seedMember("member");
    const open = await openStream(workspace.id, { cookie });
    const sse = readSse(open.res);
    expect(await sse.waitForEnd(350)).toBe(false); // heartbeats keep it open
    await db.membership.delete({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } } });
    expect(await sse.waitForEnd(1_000)).toBe(true);

    const key = await createTestAppKey(workspace.id, "read");
    const byKey = await openStream(workspace.id, { bearer: key });
    const keySse = readSse(byKey.res);
    expect(await keySse.waitForEnd(250)).toBe(false);
    await db.appApiKey.updateMany({ where: { workspaceId: workspace.id }, data: { revokedAt: new Date() } });
    expect(await keySse.waitForEnd(1_000)).toBe(true);
  });

  it("ends at once when its session signs out; that cookie is refused, the user's other sessions go on", async () => {
    const { workspace, user } = await seedMember("member");
    const sessionId = await createUserSession(user.id);
    const cookie = await sessionCookie(user.id, sessionId);
    const otherBrowser = await sessionCookie(user.id);
    const sse = readSse((await openStream(workspace.id, { cookie })).res);
    const otherSse = readSse((await openStream(workspace.id, { cookie: otherBrowser })).res);
    expect(await sse.waitForEnd(200)).toBe(false); // the 15 s heartbeat is far off: only the sign-out can end it

    // What next-auth calls when this browser signs out (POST /api/auth/signout; the e2e api project drives that).
    await getAuthOptions().events!.signOut!({ token: { sub: user.id, sid: sessionId }, session: undefined as never });
    expect(await sse.waitForEnd(1_000)).toBe(true);
    expect(await otherSse.waitForEnd(200)).toBe(false);
    expect((await list(workspace.id, cookie)).status).toBe(401);
    expect((await openStream(workspace.id, { cookie })).res.status).toBe(401);
    expect((await list(workspace.id, otherBrowser)).status).toBe(200);
  });

  it("ends on its next heartbeat when another process signs the session out", async () => {
    streamTiming.heartbeatMs = 100;
    const { workspace, user } = await seedMember("member");
    const sessionId = await createUserSession(user.id);
    const sse = readSse((await openStream(workspace.id, { cookie: await sessionCookie(user.id, sessionId) })).res);
    expect(await sse.waitForEnd(350)).toBe(false);
    await db.userSession.delete({ where: { id: sessionId } }); // no in-process notification
    expect(await sse.waitForEnd(1_000)).toBe(true);
  });
});
