import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { signInAsOwner } from "../fixtures/sign-in";

// Automation through the management API alone, with an App API key: a Webhook destination with a shared secret
// pointing at a local receiver, a connected source, a trigger and a mapping changed, then a test with a recent
// ingested event and send: true → the receiver gets the mapped body with a valid X-Signature.

type Received = { url: string; headers: http.IncomingHttpHeaders; body: string };
const SECRET = "e2e-shared-secret-9d1c";

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(r)) };
}

test("a Webhook destination set up and tested through the API with an App API key", async ({ page, baseURL }) => {
  // The only step as a person: a workspace and a full-access App API key. Everything after uses the key alone.
  await signInAsOwner(page);
  const ws = await page.request.post("/api/workspaces", { data: { name: `Automation ${Date.now()}` } });
  const workspaceId = (await ws.json()).id as string;
  const key = await page.request.post(`/api/workspaces/${workspaceId}/app-keys`, {
    data: { name: "automation", scope: "full" },
  });
  expect(key.status()).toBe(201);
  const api: APIRequestContext = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${(await key.json()).token}` },
  });
  const receiver = await startReceiver();
  const bodies: string[] = [];
  const call = async (method: "get" | "post" | "patch", url: string, data?: object) => {
    const res = await api[method](`/api/workspaces/${workspaceId}${url}`, data ? { data } : {});
    bodies.push(await res.text());
    return { status: res.status(), body: JSON.parse(bodies.at(-1)!) };
  };

  try {
    const catalog = await api.get("/api/catalog/destinations/webhook");
    expect(catalog.status()).toBe(200);
    const send = (await catalog.json()).actions.find((a: { key: string }) => a.key === "send");
    expect(send.defaultMapping).toHaveProperty("data");

    const source = await call("post", "/sources", { type: "nodejs", name: "Checkout server", connectJourneys: false });
    expect(source.status).toBe(201);

    // Created off: it is tested before it is turned on (the add flow's order).
    const created = await call("post", "/destinations", {
      slug: "webhook",
      name: "Orders webhook",
      settings: { sharedSecret: SECRET },
      enabled: false,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "webhook", secretsSet: ["sharedSecret"], settings: {}, sourceIds: [] });
    const dest = `/destinations/${created.body.id}`;
    const connected = await call("patch", dest, { sourceIds: [source.body.id] });
    expect(connected.body.sourceIds).toEqual([source.body.id]);

    const action = await call("post", `${dest}/actions`, {
      actionKey: "send",
      name: "Send orders",
      trigger: 'type = "track"',
      mapping: { ...send.defaultMapping, url: `${receiver.origin}/orders`, method: "POST" },
    });
    expect(action.status).toBe(201);
    const actionUrl = `${dest}/actions/${action.body.id}`;

    const badFql = await call("patch", actionUrl, { trigger: 'type = "track" and ((event = "Order Completed"))' });
    expect(badFql.status).toBe(422);
    expect(badFql.body.error.details.fields.trigger[0]).toMatch(/^At character \d+ .*nested/);
    const badMapping = await call("patch", actionUrl, {
      mapping: { url: `${receiver.origin}/orders`, method: "SEND" },
    });
    expect(badMapping.status).toBe(422);
    expect(Object.keys(badMapping.body.error.details.fields)).toEqual(["mapping.method"]);

    const trigger = 'type = "track" and event = "Order Completed"';
    expect((await call("patch", actionUrl, { trigger })).body.trigger).toBe(trigger);
    const mapping = {
      url: `${receiver.origin}/orders`,
      method: "POST",
      data: { order: { "@path": "$.properties.order_id" }, email: { "@path": "$.context.traits.email" } },
    };
    expect((await call("patch", actionUrl, { mapping })).body.mapping).toEqual(mapping);

    // A recent event, ingested the way a server SDK sends it.
    const messageId = crypto.randomUUID();
    const ingest = await api.post("/v1/track", {
      headers: { authorization: `Basic ${Buffer.from(`${source.body.writeKey}:`).toString("base64")}` },
      data: {
        messageId,
        userId: "u-1",
        event: "Order Completed",
        properties: { order_id: "o-77" },
        context: { traits: { email: "jane@example.test" } },
      },
    });
    expect(ingest.status()).toBe(200);
    let eventId: string | undefined;
    await expect(async () => {
      const events = await call("get", `/events?sourceId=${source.body.id}`);
      eventId = events.body.events.find((e: { messageId: string }) => e.messageId === messageId)?.id;
      expect(eventId).toBeDefined();
    }).toPass();

    const dry = await call("post", `${actionUrl}/test`, { eventId });
    expect(dry.body).toEqual({
      matched: true,
      payload: { ...mapping, data: { order: "o-77", email: "jane@example.test" } },
    });
    expect(receiver.received).toHaveLength(0);

    const sent = await call("post", `${actionUrl}/test`, { eventId, send: true });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ matched: true, delivered: true });
    expect(sent.body.requests[0].response).toMatchObject({ status: 200, body: '{"received":true}' });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.url).toBe("/orders");
    expect(JSON.parse(got.body)).toEqual({ order: "o-77", email: "jane@example.test" });
    expect(got.headers["x-signature"]).toBe(crypto.createHmac("sha1", SECRET).update(got.body).digest("hex"));

    expect((await call("patch", dest, { enabled: true })).body.enabled).toBe(true);
    expect(bodies.filter((b) => b.includes(SECRET))).toEqual([]);
  } finally {
    await receiver.close();
    await api.dispose();
  }
});
