import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTrackingKey, renameTrackingKey, revokeTrackingKey } from "@/lib/data/tracking-keys";
import { sourceForTrackingKey } from "@/lib/data/tracking-key-sources";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { entityToCall } from "./as-calls";
import { setTrackApiRecorder } from "./record";
import { handleTrackApi } from "./router";

// Track API traffic as calls of each tracking key's source ("Journeys API — <key name>").

afterEach(() => setTrackApiRecorder(null));

describe("Track API operations as Segment calls", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  it("maps person, object and semantic operations onto identify / track / page / screen / group / alias", () => {
    expect(
      entityToCall({ type: "person", action: "identify", identifiers: { id: "u1" }, attributes: { plan: "pro" } }, now),
    ).toMatchObject({
      type: "identify",
      userId: "u1",
      traits: { plan: "pro" },
      timestamp: now.toISOString(),
    });
    expect(
      entityToCall({
        type: "person",
        action: "event",
        identifiers: { anonymous_id: "a1" },
        name: "Viewed",
        id: "e1",
        timestamp: 1796119200,
      }),
    ).toMatchObject({
      type: "track",
      anonymousId: "a1",
      event: "Viewed",
      messageId: "e1",
      timestamp: "2026-12-01T10:00:00.000Z",
    });
    expect(
      entityToCall({ type: "person", action: "page", identifiers: { email: "a@b.co" }, name: "/x" }),
    ).toMatchObject({ type: "page", userId: "a@b.co", properties: { url: "/x" } });
    expect(
      entityToCall({ type: "person", action: "merge", primary: { id: "p" }, secondary: { id: "s" } }),
    ).toMatchObject({ type: "alias", userId: "p", previousId: "s" });
    expect(entityToCall({ type: "person", action: "suppress", identifiers: { cio_id: "abc" } })).toMatchObject({
      type: "track",
      event: "User Suppressed",
      userId: "cio_abc",
    });
    expect(
      entityToCall({
        type: "person",
        action: "add_device",
        identifiers: { id: "u" },
        device: { token: "t", platform: "ios" },
      }),
    ).toMatchObject({
      event: "Device Created or Updated",
      context: { device: { token: "t", type: "ios" } },
    });
    expect(
      entityToCall({
        type: "object",
        action: "identify",
        identifiers: { object_type_id: "2", object_id: "acme" },
        attributes: { name: "Acme" },
        cio_relationships: [{ identifiers: { id: "u" }, relationship_attributes: { role: "admin" } }],
      }),
    ).toMatchObject({
      type: "group",
      groupId: "acme",
      userId: "u",
      traits: { objectTypeId: "2", objectAttributes: { name: "Acme" }, relationshipAttributes: { role: "admin" } },
    });
    expect(entityToCall({ type: "delivery", action: "opened" })).toBeNull();
  });
});

describe("tracking keys as sources", () => {
  it("gives each key a source that follows its name and is disabled with it; requests' applied operations reach the recorder", async () => {
    const ws = (await createTestWorkspace()).id;
    const key = await createTrackingKey(ws, { name: "Mobile backend" });
    expect(await sourceForTrackingKey(ws, key.id)).toMatchObject({
      name: "Journeys API — Mobile backend",
      enabled: true,
    });
    await renameTrackingKey(ws, key.id, { name: "Backend" });
    expect((await sourceForTrackingKey(ws, key.id))?.name).toBe("Journeys API — Backend");

    const recorded: { keyId: string; calls: { type: string }[] }[] = [];
    setTrackApiRecorder(async (k, calls) => void recorded.push({ keyId: k.keyId, calls }));
    const auth = `Basic ${Buffer.from(`${key.siteId}:${key.apiKey}`).toString("base64")}`;
    const send = (path: string, body: unknown, isRecorded?: boolean) =>
      handleTrackApi(
        new Request(`http://sluice.test${path}`, {
          method: "POST",
          headers: { authorization: auth },
          body: JSON.stringify(body),
        }),
        { isRecorded },
      );
    const batch = {
      batch: [
        { type: "person", action: "identify", identifiers: { id: "u1" } },
        { type: "person", action: "fly", identifiers: { id: "u1" } },
      ],
    };
    expect((await send("/api/v2/batch", batch)).status).toBe(207);
    expect(recorded).toEqual([{ keyId: key.id, calls: [expect.objectContaining({ type: "identify", userId: "u1" })] }]);
    await send("/api/v2/entity", { type: "person", action: "event", identifiers: { id: "u1" }, name: "x" }, false);
    expect(recorded).toHaveLength(1); // in-process calls (the Journeys destination's) are not recorded again

    await revokeTrackingKey(ws, key.id);
    expect((await sourceForTrackingKey(ws, key.id))?.enabled).toBe(false);
    expect(await db.source.count({ where: { workspaceId: ws } })).toBe(1);
  });

  it("stores each applied operation as a call of the key's source, in the event log like any other call", async () => {
    const ws = (await createTestWorkspace()).id;
    const key = await createTrackingKey(ws, { name: "Backend" });
    const source = (await sourceForTrackingKey(ws, key.id))!;
    const auth = `Basic ${Buffer.from(`${key.siteId}:${key.apiKey}`).toString("base64")}`;
    const res = await handleTrackApi(
      new Request("http://sluice.test/api/v1/customers/u9/events", {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ name: "Plan Upgraded", data: { plan: "pro" } }),
      }),
      {},
    );
    expect(res.status).toBe(200);
    const stored = await db.event.findMany({
      where: { sourceId: source.id },
      select: { type: true, name: true, userId: true, status: true },
    });
    expect(stored).toEqual([{ type: "track", name: "Plan Upgraded", userId: "u9", status: "accepted" }]);
  });
  it("stores object operations with no person attached as accepted, person-less calls (as Data Pipelines takes a group)", async () => {
    const ws = (await createTestWorkspace()).id;
    const key = await createTrackingKey(ws, { name: "Backend" });
    const source = (await sourceForTrackingKey(ws, key.id))!;
    const auth = `Basic ${Buffer.from(`${key.siteId}:${key.apiKey}`).toString("base64")}`;
    const object = { object_type_id: "2", object_id: "acme" };
    const res = await handleTrackApi(
      new Request("http://sluice.test/api/v2/batch", {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({
          batch: [
            { type: "object", action: "identify", identifiers: object, attributes: { name: "Acme" } },
            { type: "object", action: "delete_relationships", identifiers: object },
            { type: "object", action: "delete", identifiers: object },
          ],
        }),
      }),
      {},
    );
    expect(res.status).toBe(200);
    const stored = await db.event.findMany({
      where: { sourceId: source.id },
      select: { type: true, name: true, userId: true, anonymousId: true, status: true, reason: true, payload: true },
      orderBy: { id: "asc" },
    });
    expect(stored.map((e) => ({ ...e, payload: undefined }))).toEqual([
      { type: "group", name: null, userId: null, anonymousId: null, status: "accepted", reason: null },
      {
        type: "track",
        name: "Relationship Deleted",
        userId: null,
        anonymousId: null,
        status: "accepted",
        reason: null,
      },
      { type: "track", name: "Object Deleted", userId: null, anonymousId: null, status: "accepted", reason: null },
    ]);
    expect(JSON.parse(stored[0]!.payload)).toMatchObject({
      groupId: "acme",
      traits: { objectTypeId: "2", objectAttributes: { name: "Acme" } },
    });
    expect(JSON.parse(stored[2]!.payload).properties).toEqual({ objectId: "acme", objectTypeId: "2" });
  });
});
