import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closeEventLog } from "@/lib/eventlog";
import { handleIngest } from "@/lib/ingest";
import { startReceiver, type Receiver } from "@/lib/destinations/test-receiver";
import { callRoute as rawCall, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as destinations from "@/app/api/workspaces/[workspaceId]/destinations/route";
import * as actions from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/actions/route";
import * as action from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/actions/[actionId]/route";
import * as testRoute from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/actions/[actionId]/test/route";

// Actions (trigger + mapping) and their test, against the real database, real ingest and a real receiver.
const SECRET = "whsec-actions-never-shown-5e6f";
const bodies: string[] = [];
const callRoute: typeof rawCall = async (handler, init) => {
  const res = await rawCall(handler, init);
  bodies.push(JSON.stringify(res.body ?? null));
  return res;
};

let receiver: Receiver;
beforeAll(async () => {
  process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
  receiver = await startReceiver();
});
afterAll(async () => {
  delete process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS;
  await receiver.close();
  await closeEventLog();
});

async function seedWebhook() {
  const ws = await seedMemberWorkspace();
  const source = await db.source.create({
    data: { workspaceId: ws.workspaceId, type: "http", name: "HTTP", writeKey: `wk-${crypto.randomUUID()}` },
  });
  const created = await callRoute(destinations.POST, {
    method: "POST",
    cookie: ws.cookie,
    params: { workspaceId: ws.workspaceId },
    body: { slug: "webhook", name: "Hook", settings: { sharedSecret: SECRET }, sourceIds: [source.id] },
  });
  const params = { workspaceId: ws.workspaceId, destinationId: created.body.id as string };
  return { ...ws, source, params };
}

const sendAction = (url: string) => ({
  actionKey: "send",
  name: "Orders to the hook",
  trigger: 'type = "track" and event = "Order Completed"',
  mapping: { url, method: "POST", data: { order: { "@path": "$.properties.order_id" }, who: { "@path": "$.userId" } } },
});

async function ingestTrack(writeKey: string, body: object) {
  const res = await handleIngest(
    new Request("http://localhost/v1/track", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
      },
      body: JSON.stringify(body),
    }),
    "track",
  );
  expect(res.status).toBe(200);
  for (let i = 0; i < 100; i++) {
    const row = await db.event.findFirst({
      where: { messageId: (body as { messageId: string }).messageId },
    });
    if (row) return String(row.id);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the ingested event was not stored");
}

describe("actions API", () => {
  it("creates, lists, patches and deletes actions, auditing each change", async () => {
    const { cookie, params, workspaceId } = await seedWebhook();
    const created = await callRoute(actions.POST, {
      method: "POST",
      cookie,
      params,
      body: sendAction(`${receiver.origin}/hook`),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...sendAction(`${receiver.origin}/hook`),
      enabled: true,
      batching: false,
      destinationId: params.destinationId,
    });
    const actionParams = { ...params, actionId: created.body.id };
    expect((await callRoute(actions.GET, { cookie, params })).body.actions).toEqual([created.body]);
    expect((await callRoute(action.GET, { cookie, params: actionParams })).body).toEqual(created.body);

    const patched = await callRoute(action.PATCH, {
      method: "PATCH",
      cookie,
      params: actionParams,
      body: { enabled: false, batching: true, trigger: 'type = "identify"' },
    });
    expect(patched.body).toMatchObject({ enabled: false, batching: true, trigger: 'type = "identify"' });
    expect((await callRoute(action.DELETE, { method: "DELETE", cookie, params: actionParams })).body).toEqual({
      id: created.body.id,
    });
    expect((await callRoute(action.GET, { cookie, params: actionParams })).status).toBe(404);
    const audit = await db.auditLog.findMany({ where: { workspaceId, targetType: "action" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["action.create", "action.update", "action.delete"]);
  });

  it("answers 422 on the field for an unknown action type, invalid FQL and a mapping that fails", async () => {
    const { cookie, params } = await seedWebhook();
    const fieldsOf = async (body: object) => {
      const res = await callRoute(actions.POST, {
        method: "POST",
        cookie,
        params,
        body: { ...sendAction("https://example.com"), ...body },
      });
      expect(res.status).toBe(422);
      return res.body.error.details.fields;
    };
    expect(await fieldsOf({ actionKey: "nope" })).toEqual({ actionKey: [expect.stringContaining("no action “nope”")] });
    expect(await fieldsOf({ trigger: "type =" })).toEqual({
      trigger: [expect.stringMatching(/^At the end: expected a value/)],
    });
    expect(await fieldsOf({ trigger: 'type = "track" and ((event = "A"))' })).toEqual({
      trigger: [expect.stringMatching(/^At character 21 .*nested/)],
    });
    expect(await fieldsOf({ trigger: 'foo = "bar"' })).toEqual({
      trigger: [expect.stringContaining('unknown field "foo"')],
    });
    expect(await fieldsOf({ mapping: { url: "https://example.com", method: "POST", data: { "@path": 5 } } })).toEqual({
      "mapping.data": [expect.stringContaining("should be a string")],
    });
    expect(await fieldsOf({ mapping: { method: "POST" } })).toEqual({ "mapping.url": ["URL is required"] });
    expect(await fieldsOf({ mapping: { url: "https://example.com", method: "POST", extra: 1 } })).toEqual({
      "mapping.extra": [expect.stringContaining("no field")],
    });
    expect(await fieldsOf({ name: "" })).toEqual({ name: ["Enter a name"] });
    const first = await callRoute(actions.POST, {
      method: "POST",
      cookie,
      params,
      body: sendAction("https://example.com"),
    });
    const patch = await callRoute(action.PATCH, {
      method: "PATCH",
      cookie,
      params: { ...params, actionId: first.body.id },
      body: { trigger: 'type == "x"' },
    });
    expect(patch.body.error.details.fields.trigger[0]).toMatch(/At character 6/);
  });

  it("holds at most 50 actions per destination", async () => {
    const { cookie, params } = await seedWebhook();
    await db.action.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        workspaceId: params.workspaceId,
        destinationId: params.destinationId,
        actionKey: "send",
        name: `A${i}`,
        trigger: 'type = "track"',
        mapping: "{}",
      })),
    });
    const res = await callRoute(actions.POST, {
      method: "POST",
      cookie,
      params,
      body: sendAction("https://example.com"),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/at most 50/);
  });

  it("answers 404 for another workspace's destination, action or event", async () => {
    const mine = await seedWebhook();
    const theirs = await seedWebhook();
    const theirAction = await callRoute(actions.POST, {
      method: "POST",
      cookie: theirs.cookie,
      params: theirs.params,
      body: sendAction("https://example.com"),
    });
    const crossed = { workspaceId: mine.params.workspaceId, destinationId: theirs.params.destinationId };
    expect((await callRoute(actions.GET, { cookie: mine.cookie, params: crossed })).status).toBe(404);
    expect(
      (
        await callRoute(actions.POST, {
          method: "POST",
          cookie: mine.cookie,
          params: crossed,
          body: sendAction("https://x.io"),
        })
      ).status,
    ).toBe(404);
    const mineAction = await callRoute(actions.POST, {
      method: "POST",
      cookie: mine.cookie,
      params: mine.params,
      body: sendAction("https://x.io"),
    });
    const otherActionUnderMine = { ...mine.params, actionId: theirAction.body.id };
    expect((await callRoute(action.GET, { cookie: mine.cookie, params: otherActionUnderMine })).status).toBe(404);
    expect(
      (
        await callRoute(action.PATCH, {
          method: "PATCH",
          cookie: mine.cookie,
          params: otherActionUnderMine,
          body: { enabled: false },
        })
      ).status,
    ).toBe(404);

    const theirEvent = await ingestTrack(theirs.source.writeKey, {
      messageId: crypto.randomUUID(),
      userId: "u",
      event: "Order Completed",
    });
    const test = await callRoute(testRoute.POST, {
      method: "POST",
      cookie: mine.cookie,
      params: { ...mine.params, actionId: mineAction.body.id },
      body: { eventId: theirEvent },
    });
    expect(test.status).toBe(404);
  });
});

describe("testing an action", () => {
  it("says whether the trigger matches and why not, honours integrations, and maps the payload", async () => {
    const { cookie, params } = await seedWebhook();
    const created = await callRoute(actions.POST, {
      method: "POST",
      cookie,
      params,
      body: sendAction(`${receiver.origin}/hook`),
    });
    const test = (body: object) =>
      callRoute(testRoute.POST, { method: "POST", cookie, params: { ...params, actionId: created.body.id }, body });
    const event = { type: "track", event: "Order Completed", userId: "u1", properties: { order_id: "o-1" } };
    expect((await test({ event })).body).toEqual({
      matched: true,
      payload: { url: `${receiver.origin}/hook`, method: "POST", data: { order: "o-1", who: "u1" } },
    });
    const other = await test({ event: { ...event, event: "Signed Up" } });
    expect(other.body).toMatchObject({
      matched: false,
      reason: expect.stringContaining('event = "Order Completed" is false'),
    });
    const excluded = await test({ event: { ...event, integrations: { All: false } } });
    expect(excluded.body).toMatchObject({ matched: false, reason: expect.stringContaining("integrations") });
    const allowed = await test({ event: { ...event, integrations: { All: false, Webhook: true } } });
    expect(allowed.body.matched).toBe(true);
    // Unsaved edits are tried instead of the saved trigger and mapping, and not saved.
    const edited = await test({
      event: { ...event, event: "Signed Up" },
      trigger: 'event = "Signed Up"',
      mapping: { url: `${receiver.origin}/hook`, method: "PUT", data: { "@if": {} } },
    });
    expect(edited.body).toEqual({
      matched: true,
      errors: [{ field: "data", message: expect.stringContaining('"exists" key or a "blank" key') }],
    });
    const badTrigger = await test({ event, trigger: "type =" });
    expect(badTrigger.body).toMatchObject({ matched: false, reason: expect.stringContaining("At the end") });
    expect(
      (await callRoute(action.GET, { cookie, params: { ...params, actionId: created.body.id } })).body.trigger,
    ).toBe(sendAction("").trigger);
    expect(receiver.received).toHaveLength(0);
    expect((await test({})).status).toBe(422);
    expect((await test({ event, eventId: "1" })).status).toBe(422);
  });

  it("shows per-field errors when the payload does not validate", async () => {
    const { cookie, params } = await seedWebhook();
    const body = {
      ...sendAction("https://example.com"),
      mapping: { url: { "@path": "$.properties.hook" }, method: "POST" },
    };
    const created = await callRoute(actions.POST, { method: "POST", cookie, params, body });
    const res = await callRoute(testRoute.POST, {
      method: "POST",
      cookie,
      params: { ...params, actionId: created.body.id },
      body: { event: { type: "track", event: "Order Completed" }, send: true },
    });
    expect(res.body).toMatchObject({
      matched: true,
      errors: [{ field: "url", message: expect.any(String) }],
      delivered: false,
    });
  });

  it("with send: true performs it for real on a stored event: the receiver gets the mapped, signed body", async () => {
    const { cookie, params, source } = await seedWebhook();
    const created = await callRoute(actions.POST, {
      method: "POST",
      cookie,
      params,
      body: sendAction(`${receiver.origin}/orders`),
    });
    const eventId = await ingestTrack(source.writeKey, {
      messageId: crypto.randomUUID(),
      userId: "u-42",
      event: "Order Completed",
      properties: { order_id: "o-42" },
    });
    const before = receiver.received.length;
    const res = await callRoute(testRoute.POST, {
      method: "POST",
      cookie,
      params: { ...params, actionId: created.body.id },
      body: { eventId, send: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      matched: true,
      delivered: true,
      payload: { data: { order: "o-42", who: "u-42" } },
    });
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.url).toBe("/orders");
    expect(JSON.parse(got[0]!.body)).toEqual({ order: "o-42", who: "u-42" });
    expect(got[0]!.headers["x-signature"]).toBe(crypto.createHmac("sha1", SECRET).update(got[0]!.body).digest("hex"));
    expect(res.body.requests).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({ method: "POST", url: `${receiver.origin}/orders` }),
        response: expect.objectContaining({ status: 200, body: '{"ok":true}' }),
      }),
    ]);
  });

  it("never sent the shared secret in any response", () => {
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.filter((b) => b.includes(SECRET))).toEqual([]);
  });
});
