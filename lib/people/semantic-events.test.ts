import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { waitFor } from "@/lib/pipeline/testing";
import { personWithActivity as person, startJourneysPipeline } from "./testing";

// Semantic events and identify's relationship, end to end like journeys.test.ts: @segment/analytics-node →
// ingest → the delivery worker → Segment's customerio definition → Sluice's Track API → the people store.

const { setUp } = startJourneysPipeline();

const objectsOf = (workspaceId: string) =>
  db.dataObject.findMany({
    where: { workspaceId },
    select: { objectId: true, objectType: { select: { typeId: true } }, _count: { select: { relationships: true } } },
    orderBy: [{ objectId: "asc" }],
  });

describe("semantic events through the Journeys destination", () => {
  it("User Unsuppressed: after a suppress, an identify is ignored; after the unsuppress, identify re-creates the person", async () => {
    const { ws, client } = await setUp();
    client.identify({ userId: "u1", traits: { email: "u1@example.com" } });
    await waitFor(() => person(ws, "u1"), 15_000, "u1");
    client.track({ userId: "u1", event: "User Suppressed" });
    await waitFor(async () => !(await person(ws, "u1")), 15_000, "u1 suppressed");
    expect(await db.suppression.count({ where: { workspaceId: ws, identifier: "id:u1" } })).toBe(1);

    client.identify({ userId: "u1", traits: { plan: "ignored" } });
    client.identify({ userId: "marker", traits: {} });
    await waitFor(() => person(ws, "marker"), 15_000, "the identify after the suppress");
    expect(await person(ws, "u1")).toBeNull();

    client.track({ userId: "u1", event: "User Unsuppressed" });
    await waitFor(
      async () => !(await db.suppression.findFirst({ where: { workspaceId: ws, identifier: "id:u1" } })),
      15_000,
      "u1 unsuppressed",
    );
    client.identify({ userId: "u1", traits: { plan: "back" } });
    const back = await waitFor(() => person(ws, "u1"), 15_000, "u1 re-created");
    expect(JSON.parse(back.attributes)).toEqual({ plan: "back" }); // a new person: the old attributes went with it
    await client.closeAndFlush({ timeout: 10_000 });
  }, 45_000);

  it("Object Deleted removes that object of that type, with its relationships, and nothing else", async () => {
    const { ws, client } = await setUp();
    const group = (groupId: string, objectTypeId: string) =>
      client.group({ userId: "u1", groupId, traits: { objectTypeId, objectAttributes: { name: groupId } } });
    group("acme", "1");
    group("acme", "2");
    group("globex", "1");
    await waitFor(async () => (await person(ws, "u1"))?.relationships.length === 3, 15_000, "three relationships");

    // Customer.io's shape for it: no person, an anonymousId (the Track API needs none).
    client.track({
      anonymousId: "back-office",
      event: "Object Deleted",
      properties: { objectId: "acme", objectTypeId: "2" },
    });
    await waitFor(async () => (await objectsOf(ws)).length === 2, 15_000, "acme of type 2 deleted");
    expect(await objectsOf(ws)).toEqual([
      { objectId: "acme", objectType: { typeId: 1 }, _count: { relationships: 1 } },
      { objectId: "globex", objectType: { typeId: 1 }, _count: { relationships: 1 } },
    ]);
    expect((await person(ws, "u1"))!.relationships).toHaveLength(2);

    client.track({ userId: "u1", event: "Object Deleted", properties: { objectId: "globex" } }); // type 1 by default
    await waitFor(async () => (await objectsOf(ws)).length === 1, 15_000, "globex deleted");
    expect((await objectsOf(ws)).map((o) => o.objectId)).toEqual(["acme"]);
    expect(await person(ws, "u1")).not.toBeNull(); // the person stays
    await client.closeAndFlush({ timeout: 10_000 });
  }, 45_000);

  it("identify with traits.objectId relates the person to that object, with the relationship's attributes", async () => {
    const { ws, client } = await setUp();
    client.identify({
      userId: "u1",
      traits: {
        email: "u1@example.com",
        objectId: "initech",
        objectTypeId: "3",
        relationshipAttributes: { role: "owner" },
      },
    });
    const p = await waitFor(
      async () => {
        const found = await person(ws, "u1");
        return found && found.relationships.length === 1 && found;
      },
      15_000,
      "the relationship",
    );
    const rel = p.relationships[0]!;
    expect(rel.object.objectId).toBe("initech");
    expect(JSON.parse(rel.attributes)).toEqual({ role: "owner" });
    expect(await objectsOf(ws)).toEqual([
      { objectId: "initech", objectType: { typeId: 3 }, _count: { relationships: 1 } },
    ]);
    // The definition keeps the relationship's own traits out of the person's attributes.
    expect(JSON.parse(p.attributes)).not.toHaveProperty("relationshipAttributes");

    // Without an objectTypeId: type 1; a second identify adds a relationship, it does not replace the first.
    client.identify({ userId: "u1", traits: { objectId: "acme" } });
    await waitFor(async () => (await person(ws, "u1"))?.relationships.length === 2, 15_000, "the second relationship");
    expect((await objectsOf(ws)).map((o) => [o.objectId, o.objectType.typeId])).toEqual([
      ["acme", 1],
      ["initech", 3],
    ]);
    await client.closeAndFlush({ timeout: 10_000 });
  }, 45_000);
});
