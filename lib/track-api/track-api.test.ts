import http from "node:http";
import type { AddressInfo } from "node:net";
import { IdentifierType, TrackClient } from "customerio-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTrackingKey, revokeTrackingKey } from "@/lib/data/tracking-keys";
import { callRoute, createTestWorkspace, seedMember } from "@/lib/testing/fixtures";
import * as peopleRoute from "@/app/api/workspaces/[workspaceId]/people/route";
import * as personRoute from "@/app/api/workspaces/[workspaceId]/people/[personId]/route";
import * as activityRoute from "@/app/api/workspaces/[workspaceId]/people/[personId]/activity/route";
import { trackApiListener } from "./node";

// The Track API over real HTTP, as Customer.io's clients call it. The requests below are the ones
// customerio-node's TrackClient sends (paths, bodies, Basic auth); the last block drives the real client.

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(trackApiListener());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function setUp() {
  const ws = (await createTestWorkspace()).id;
  const key = await createTrackingKey(ws, { name: "Server" });
  const auth = `Basic ${Buffer.from(`${key.siteId}:${key.apiKey}`).toString("base64")}`;
  const call = async (method: string, path: string, body?: unknown, authorization = auth) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { ws, key, call };
}

async function personOf(workspaceId: string, externalId: string) {
  return db.person.findFirst({
    where: { workspaceId, externalId },
    include: { events: { orderBy: { id: "asc" } }, devices: true },
  });
}

describe("Track API authentication", () => {
  it("answers 401 with Customer.io's body for no key, a wrong key and a revoked key; GET /auth says yes to a good one", async () => {
    const { ws, key, call } = await setUp();
    expect(await call("GET", "/auth")).toEqual({ status: 200, body: { meta: { message: "Authenticated" } } });
    const none = await call("GET", "/auth", undefined, "");
    expect(none.status).toBe(401);
    expect(none.body.meta.error).toMatch(/Unauthorized request/);
    const wrong = await call(
      "PUT",
      "/api/v1/customers/u1",
      {},
      `Basic ${Buffer.from(`${key.siteId}:nope`).toString("base64")}`,
    );
    expect(wrong.status).toBe(401);
    await revokeTrackingKey(ws, key.id);
    const revoked = await call("POST", "/api/v2/entity", {
      type: "person",
      action: "identify",
      identifiers: { id: "u1" },
    });
    expect(revoked).toEqual({
      status: 401,
      body: {
        errors: [
          {
            reason: "unauthorized",
            field: "",
            message: 'Unauthorized request: the tracking API key "Server" has been revoked',
          },
        ],
      },
    });
    expect(await db.person.count({ where: { workspaceId: ws } })).toBe(0);
  });
});

describe("Track API v1 (the requests customerio-node sends)", () => {
  it("identify, track, anonymous track then identify, device add/remove, suppress, merge, delete", async () => {
    const { ws, call } = await setUp();
    expect(
      await call("PUT", "/api/v1/customers/u1", { email: "Ann@Example.com", plan: "pro", created_at: 1790000000 }),
    ).toEqual({ status: 200, body: {} });
    const ann = await personOf(ws, "u1");
    expect(ann).toMatchObject({ email: "ann@example.com" });
    expect(JSON.parse(ann!.attributes)).toEqual({ email: "Ann@Example.com", plan: "pro", created_at: 1790000000 });
    expect(ann!.createdAt.toISOString()).toBe(new Date(1790000000 * 1000).toISOString());

    expect(
      (await call("POST", "/api/v1/customers/u1/events", { name: "purchase", data: { price: 23.45 } })).status,
    ).toBe(200);
    expect((await call("POST", "/api/v1/customers/u1/events", { type: "page", name: "/pricing" })).status).toBe(200);
    expect(
      (await call("POST", "/api/v1/events", { name: "viewed", anonymous_id: "anon-7", data: { x: 1 } })).status,
    ).toBe(200);
    expect(await db.personEvent.count({ where: { workspaceId: ws, anonymousId: "anon-7", personId: null } })).toBe(1);
    expect((await call("PUT", "/api/v1/customers/u1", { anonymous_id: "anon-7" })).status).toBe(200);
    expect((await personOf(ws, "u1"))!.events.map((e) => [e.type, e.name])).toEqual([
      ["event", "purchase"],
      ["page", "/pricing"],
      ["event", "viewed"],
    ]);

    const device = {
      device: { id: "tok-1", platform: "ios", last_used: 1790000100, attributes: { app_version: "2.1" } },
    };
    expect((await call("PUT", "/api/v1/customers/u1/devices", device)).status).toBe(200);
    expect((await personOf(ws, "u1"))!.devices).toMatchObject([{ token: "tok-1", platform: "ios" }]);
    expect((await call("DELETE", "/api/v1/customers/u1/devices/tok-1")).status).toBe(200);
    expect((await personOf(ws, "u1"))!.devices).toEqual([]);

    // Merge: u2 (with its email) into u1 (which has one already: u2's is dropped).
    await call("PUT", "/api/v1/customers/u2", { city: "Rome" });
    await call("POST", "/api/v1/customers/u2/events", { name: "from u2" });
    expect(
      (await call("POST", "/api/v1/merge_customers", { primary: { id: "u1" }, secondary: { id: "u2" } })).status,
    ).toBe(200);
    const merged = await personOf(ws, "u1");
    expect(JSON.parse(merged!.attributes).city).toBe("Rome");
    expect(merged!.events.map((e) => e.name)).toContain("from u2");
    expect(await personOf(ws, "u2")).toBeNull();

    expect((await call("POST", "/api/v1/customers/u1/suppress")).status).toBe(200);
    expect(await personOf(ws, "u1")).toBeNull();
    expect((await call("PUT", "/api/v1/customers/u1", { plan: "again" })).status).toBe(200);
    expect(await personOf(ws, "u1")).toBeNull(); // suppressed: not re-added
    expect((await call("POST", "/api/v1/customers/u1/unsuppress")).status).toBe(200);
    await call("PUT", "/api/v1/customers/u1", { plan: "back" });
    expect(await personOf(ws, "u1")).not.toBeNull();
    expect((await call("DELETE", "/api/v1/customers/u1")).status).toBe(200);
    expect(await personOf(ws, "u1")).toBeNull();
  });

  it("addresses people by email and cio_ too, and refuses conflicting identifiers with a 400 that says why", async () => {
    const { ws, call } = await setUp();
    await call("PUT", "/api/v1/customers/u1", { email: "a@example.com" });
    await call("PUT", "/api/v1/customers/u2", { email: "b@example.com" });
    await call("PUT", `/api/v1/customers/${encodeURIComponent("A@example.com")}`, { via: "email" });
    const u1 = await personOf(ws, "u1");
    expect(JSON.parse(u1!.attributes).via).toBe("email");
    await call("PUT", `/api/v1/customers/cio_${u1!.cioId}`, { via: "cio" });
    expect(JSON.parse((await personOf(ws, "u1"))!.attributes).via).toBe("cio");
    const conflict = await call("PUT", "/api/v1/customers/u2", { email: "a@example.com" });
    expect(conflict.status).toBe(400);
    expect(conflict.body.meta.error).toMatch(
      /Identifier conflict: email "a@example.com" already belongs to another person \(id "u1"\)/,
    );
    expect((await personOf(ws, "u2"))!.email).toBe("b@example.com");
  });

  it("answers region, 404 for unknown paths, 405 for wrong methods, 400 for bad JSON, 413 past 32 KB", async () => {
    const { key, call } = await setUp();
    expect(await call("GET", "/api/v1/accounts/region")).toEqual({
      status: 200,
      body: { url: base, data_center: "sluice", environment_id: key.siteId },
    });
    expect((await call("GET", "/api/v1/nothing")).status).toBe(404);
    expect((await call("GET", "/api/v1/customers/u1")).status).toBe(405);
    expect(await call("PUT", "/api/v1/customers/u1", "{not json")).toEqual({
      status: 400,
      body: { meta: { error: "The request body is not valid JSON" } },
    });
    expect((await call("PUT", "/api/v1/customers/u1", { big: "x".repeat(33 * 1024) })).status).toBe(413);
    expect((await call("PUT", `/api/v1/customers/${"x".repeat(151)}`, {})).body.meta.error).toMatch(/150 bytes/);
  });
});

describe("Track API v2", () => {
  it("applies entities, and a batch answers 207 with each failed item's batch_index, reason, field and message", async () => {
    const { ws, call } = await setUp();
    expect(
      (
        await call("POST", "/api/v2/entity", {
          type: "person",
          action: "identify",
          identifiers: { id: "u1" },
          attributes: { email: "u1@example.com" },
          cio_relationships: [
            { identifiers: { object_type_id: "1", object_id: "acme" }, relationship_attributes: { role: "admin" } },
          ],
        })
      ).status,
    ).toBe(200);
    const rel = await db.relationship.findFirst({
      where: { person: { workspaceId: ws, externalId: "u1" } },
      include: { object: true },
    });
    expect(rel).toMatchObject({ object: { objectId: "acme" } });
    expect(JSON.parse(rel!.attributes)).toEqual({ role: "admin" });

    const batch = await call("POST", "/api/v2/batch", {
      batch: [
        { type: "person", action: "event", identifiers: { id: "u1" }, name: "ok", id: "e1" },
        { type: "person", action: "event", identifiers: {}, name: "no one" },
        { type: "person", action: "identify", identifiers: { id: "u2" }, attributes: { email: "u1@example.com" } },
        { type: "object", action: "identify", identifiers: { object_type_id: "x", object_id: "o" } },
        { type: "person", action: "fly", identifiers: { id: "u1" } },
        { type: "object", action: "identify", identifiers: { object_id: "acme" }, attributes: { name: "Acme" } },
      ],
    });
    expect(batch.status).toBe(207);
    expect(
      batch.body.errors.map((e: { batch_index: number; reason: string; field: string }) => [
        e.batch_index,
        e.reason,
        e.field,
      ]),
    ).toEqual([
      [1, "invalid", "identifiers"],
      [2, "conflict", "email"],
      [3, "invalid", "identifiers.object_type_id"],
      [4, "invalid", "action"],
    ]);
    expect(batch.body.errors[1].message).toMatch(/Identifier conflict/);
    expect(await db.personEvent.count({ where: { workspaceId: ws, eventId: "e1" } })).toBe(1);
    const acme = await db.dataObject.findFirst({ where: { workspaceId: ws, objectId: "acme" } });
    expect(JSON.parse(acme!.attributes)).toEqual({ name: "Acme" });
    expect(
      (
        await call("POST", "/api/v2/batch", {
          batch: [{ type: "person", action: "delete", identifiers: { id: "u1" } }],
        })
      ).status,
    ).toBe(200);
  });
});

describe("the real customerio-node TrackClient", () => {
  it("identifies, tracks, tracks anonymously, adds and removes a device, suppresses and merges; the management API shows each", async () => {
    const { workspace, cookie } = await seedMember();
    const ws = workspace.id;
    const key = await createTrackingKey(ws, { name: "Server" });
    const cio = new TrackClient(key.siteId, key.apiKey, { url: `${base}/api/v1` });
    const search = async (q: string) => {
      const list = await callRoute(peopleRoute.GET, { url: `/?search=${q}`, params: { workspaceId: ws }, cookie });
      expect(list.status).toBe(200);
      return list.body.people as { id: string; externalId: string; email: string | null }[];
    };
    const idOf = async (externalId: string) => (await search(externalId)).find((p) => p.externalId === externalId)?.id;
    const profile = async (personId: string) =>
      callRoute(personRoute.GET, { url: "/", params: { workspaceId: ws, personId }, cookie });
    const activity = async (personId: string) =>
      (await callRoute(activityRoute.GET, { url: "/", params: { workspaceId: ws, personId }, cookie })).body
        .activity as { type: string; name: string; data: Record<string, unknown> }[];

    await cio.identify("u1", { email: "CIO@example.com", plan: "pro" });
    expect(await search("cio@example")).toMatchObject([{ externalId: "u1", email: "cio@example.com" }]);
    const u1 = (await idOf("u1"))!;
    expect((await profile(u1)).body.attributeList).toMatchObject([
      { name: "email", value: "CIO@example.com" },
      { name: "plan", value: "pro" },
    ]);

    await cio.track("u1", { name: "purchase", data: { price: 1 } });
    expect(await activity(u1)).toMatchObject([{ type: "event", name: "purchase", data: { price: 1 } }]);

    // Held until the anonymous id is identified, then on the person's timeline.
    await cio.trackAnonymous("anon-1", { name: "viewed", data: { page: "/pricing" } });
    expect((await activity(u1)).map((a) => a.name)).toEqual(["purchase"]);
    await cio.identify("u1", { anonymous_id: "anon-1" });
    expect((await activity(u1)).map((a) => a.name).sort()).toEqual(["purchase", "viewed"]);
    expect((await profile(u1)).body.anonymousIds).toEqual(["anon-1"]);

    await cio.addDevice("u1", "tok", "android", { app_version: "3.2" });
    expect((await profile(u1)).body.devices).toMatchObject([
      { token: "tok", platform: "android", attributes: { app_version: "3.2" } },
    ]);
    await cio.deleteDevice("u1", "tok");
    expect((await profile(u1)).body.devices).toEqual([]);

    await cio.identify("u2", { city: "Rome" });
    await cio.track("u2", { name: "from u2" });
    expect(await idOf("u2")).toBeDefined();
    await cio.mergeCustomers(IdentifierType.Id, "u1", IdentifierType.Id, "u2");
    expect(await idOf("u2")).toBeUndefined();
    expect((await profile(u1)).body.attributeList).toContainEqual(
      expect.objectContaining({ name: "city", value: "Rome" }),
    );
    expect((await activity(u1)).map((a) => a.name)).toContain("from u2");

    await cio.suppress("u1");
    expect((await profile(u1)).status).toBe(404);
    expect(await search("u1")).toEqual([]);
    await cio.identify("u1", { plan: "again" });
    expect(await search("u1")).toEqual([]); // suppressed: not re-added
  });
});
