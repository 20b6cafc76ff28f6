import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { closeEventLog } from "@/lib/eventlog";
import * as ingest from "@/lib/ingest";
import { handleIngest } from "@/lib/ingest";
import { callRoute, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as sources from "@/app/api/workspaces/[workspaceId]/sources/route";
import * as source from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/route";
import * as rotate from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/rotate-key/route";
import * as install from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/install/route";
import * as testEvent from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/test-event/route";
import * as eventStream from "@/app/api/workspaces/[workspaceId]/events/stream/route";

afterAll(() => closeEventLog());

async function create(workspaceId: string, cookie: string, body: unknown) {
  return callRoute(sources.POST, { method: "POST", cookie, params: { workspaceId }, body });
}

function track(writeKey: string, event = "Order Completed") {
  return handleIngest(
    new Request("http://localhost/v1/track", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
        "x-strict-mode": "1",
      },
      body: JSON.stringify({ userId: "u1", event }),
    }),
    "track",
  );
}

describe("sources API", () => {
  it("creates, lists, renames, disables, rotates and deletes, auditing each change", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const created = await create(workspaceId, cookie, { type: "javascript", name: "  JavaScript — company website " });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: "javascript", name: "JavaScript — company website", enabled: true });
    expect(created.body.writeKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.body.firstEventAt).toBeNull();

    const list = await callRoute(sources.GET, { cookie, params: { workspaceId } });
    expect(list.body.sources).toEqual([
      expect.objectContaining({ id: created.body.id, health: { status: "no_data", accepted24h: 0, rejected1h: 0 } }),
    ]);

    const params = { workspaceId, sourceId: created.body.id };
    const renamed = await callRoute(source.PATCH, {
      method: "PATCH",
      cookie,
      params,
      body: { name: "Marketing site" },
    });
    expect(renamed.body.name).toBe("Marketing site");
    const disabled = await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    expect((await callRoute(source.GET, { cookie, params })).body.enabled).toBe(false);

    const rotated = await callRoute(rotate.POST, { method: "POST", cookie, params });
    expect(rotated.status).toBe(200);
    expect(rotated.body.writeKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(rotated.body.writeKey).not.toBe(created.body.writeKey);

    const deleted = await callRoute(source.DELETE, { method: "DELETE", cookie, params, body: { deleteEvents: true } });
    expect(deleted.body).toEqual({ id: created.body.id, deletedEvents: 0 });
    expect((await callRoute(source.GET, { cookie, params })).status).toBe(404);

    const audit = await db.auditLog.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "source.create",
      "source.rename",
      "source.disable",
      "source.rotate_key",
      "source.delete",
    ]);
  });

  it("answers 422 with field errors for an empty name or an unknown type", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const empty = await create(workspaceId, cookie, { type: "nodejs", name: "   " });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fields).toEqual({ name: ["Enter a name"] });
    const unknown = await create(workspaceId, cookie, { type: "cobol", name: "Mainframe" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.fields).toEqual({ type: ["Choose a source type from the catalog"] });
    const missing = await create(workspaceId, cookie, {});
    expect(Object.keys(missing.body.error.details.fields).sort()).toEqual(["name", "type"]);

    const ok = await create(workspaceId, cookie, { type: "nodejs", name: "API" });
    const params = { workspaceId, sourceId: ok.body.id };
    const rename = await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { name: "" } });
    expect(rename.status).toBe(422);
    expect(rename.body.error.details.fields).toEqual({ name: ["Enter a name"] });
  });

  it("keeps another workspace's sources out of reach (404)", async () => {
    const mine = await seedMemberWorkspace();
    const theirs = await seedMemberWorkspace();
    const other = await create(theirs.workspaceId, theirs.cookie, { type: "go", name: "Theirs" });
    const params = { workspaceId: mine.workspaceId, sourceId: other.body.id };
    const cookie = mine.cookie;
    expect((await callRoute(source.GET, { cookie, params })).status).toBe(404);
    expect((await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { name: "x" } })).status).toBe(404);
    expect((await callRoute(source.DELETE, { method: "DELETE", cookie, params, body: {} })).status).toBe(404);
    expect((await callRoute(rotate.POST, { method: "POST", cookie, params })).status).toBe(404);
    expect((await callRoute(install.GET, { cookie, params })).status).toBe(404);
    // Not a member of the other workspace at all: 404 too.
    const foreign = { workspaceId: theirs.workspaceId, sourceId: other.body.id };
    expect((await callRoute(source.GET, { cookie, params: foreign })).status).toBe(404);
    expect((await db.source.findUnique({ where: { id: other.body.id } }))?.name).toBe("Theirs");
  });

  it("deletes or keeps the source's events (with their deliveries), as asked", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    for (const deleteEvents of [false, true]) {
      const s = await create(workspaceId, cookie, { type: "http", name: `HTTP ${deleteEvents}` });
      expect((await track(s.body.writeKey)).status).toBe(200);
      // A delivery of that event and its attempt, as the worker records them: they go with the event.
      const event = await db.event.findFirstOrThrow({ where: { sourceId: s.body.id }, select: { id: true } });
      const delivery = { workspaceId, eventId: event.id, destinationId: "d", actionId: "a" };
      await db.delivery.create({ data: { ...delivery, status: "delivered", attempts: 1 } });
      await db.deliveryAttempt.create({
        data: { ...delivery, attempt: 1, startedAt: new Date(), durationMs: 5, ok: true },
      });
      const params = { workspaceId, sourceId: s.body.id };
      const res = await callRoute(source.DELETE, { method: "DELETE", cookie, params, body: { deleteEvents } });
      expect(res.body.deletedEvents).toBe(deleteEvents ? 1 : 0);
      expect(await db.event.count({ where: { sourceId: s.body.id } })).toBe(deleteEvents ? 0 : 1);
      expect(await db.delivery.count({ where: { eventId: event.id } })).toBe(deleteEvents ? 0 : 1);
      expect(await db.deliveryAttempt.count({ where: { eventId: event.id } })).toBe(deleteEvents ? 0 : 1);
      expect((await track(s.body.writeKey)).status).toBe(401); // the cached key is forgotten at once
    }
  });
});

describe("write key lifecycle through ingest", () => {
  it("rotating stops the old key at once; disabling answers 403; enabling again accepts", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const s = await create(workspaceId, cookie, { type: "nodejs", name: "Backend" });
    const params = { workspaceId, sourceId: s.body.id };
    expect((await track(s.body.writeKey)).status).toBe(200); // also warms the ingest key cache
    const rotated = await callRoute(rotate.POST, { method: "POST", cookie, params });
    expect((await track(s.body.writeKey)).status).toBe(401);
    expect((await track(rotated.body.writeKey)).status).toBe(200);

    await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { enabled: false } });
    expect((await track(rotated.body.writeKey)).status).toBe(403);
    await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { enabled: true } });
    expect((await track(rotated.body.writeKey)).status).toBe(200);
  });

  it("sends a test event through ingest's one entry (ingestCalls), which marks the first event", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const s = await create(workspaceId, cookie, { type: "http", name: "Test" });
    const params = { workspaceId, sourceId: s.body.id };
    const spy = vi.spyOn(ingest, "ingestCalls");
    const res = await callRoute(testEvent.POST, { method: "POST", cookie, params });
    expect(res.body).toMatchObject({ ok: true, status: 200 });
    expect(spy).toHaveBeenCalledWith(
      expect.objectContaining({ id: s.body.id, workspaceId }),
      [expect.objectContaining({ event: "Sluice Test Event" })],
      { type: "track" },
    );
    spy.mockRestore();
    const events = await db.event.findMany({ where: { sourceId: s.body.id } });
    expect(events).toEqual([expect.objectContaining({ type: "track", name: "Sluice Test Event", status: "accepted" })]);
    const payload = JSON.parse(events[0].payload);
    expect(payload).toMatchObject({
      type: "track",
      userId: "sluice-test-user",
      messageId: expect.stringMatching(/^sluice-/),
    });
    await expect.poll(async () => (await callRoute(source.GET, { cookie, params })).body.firstEventAt).not.toBeNull();

    await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { enabled: false } });
    const paused = await callRoute(testEvent.POST, { method: "POST", cookie, params });
    expect(paused.body).toMatchObject({ ok: false, status: 403 });
  });

  it("sets and clears a source's own rate limit, shown with its limited-call count", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const s = await create(workspaceId, cookie, { type: "http", name: "Limited" });
    const params = { workspaceId, sourceId: s.body.id };
    expect(s.body).toMatchObject({
      rateLimit: null,
      rateLimitWindowSeconds: null,
      limitedCalls: 0,
      lastLimitedAt: null,
    });
    const set = await callRoute(source.PATCH, {
      method: "PATCH",
      cookie,
      params,
      body: { rateLimit: { calls: 100, windowSeconds: 10 } },
    });
    expect(set.body).toMatchObject({ rateLimit: 100, rateLimitWindowSeconds: 10 });
    const bad = await callRoute(source.PATCH, {
      method: "PATCH",
      cookie,
      params,
      body: { rateLimit: { calls: -1, windowSeconds: 0 } },
    });
    expect(bad.status).toBe(422);
    const cleared = await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { rateLimit: null } });
    expect(cleared.body).toMatchObject({ rateLimit: null, rateLimitWindowSeconds: null });
  });

  it("streams the source's first accepted call, as the install page's Waiting → Connected uses it", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const s = await create(workspaceId, cookie, { type: "http", name: "Live" });
    const controller = new AbortController();
    const res = await eventStream.GET(
      new Request(`http://localhost/?sourceId=${s.body.id}&status=accepted`, {
        headers: { cookie },
        signal: controller.signal,
      }),
      { params: Promise.resolve({ workspaceId }) },
    );
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toMatch(/^retry: \d+\n\n$/);
    expect((await track("wrong-key")).status).toBe(401);
    const rejected = await handleIngest(
      new Request("http://localhost/v1/track", {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${s.body.writeKey}:`).toString("base64")}`,
          "x-strict-mode": "1",
        },
        body: JSON.stringify({ event: "No Identity" }),
      }),
      "track",
    );
    expect(rejected.status).toBe(400);
    expect((await track(s.body.writeKey)).status).toBe(200);
    const message = (await reader.read()).value!;
    const event = JSON.parse(/^data: (.*)$/m.exec(message)![1]!) as { name: string; receivedAt: string };
    expect(event.name).toBe("Order Completed"); // the rejected call was filtered out server-side
    const stored = await callRoute(source.GET, { cookie, params: { workspaceId, sourceId: s.body.id } });
    expect(stored.body.firstEventAt).toBe(event.receivedAt);
    controller.abort();
  });
});
