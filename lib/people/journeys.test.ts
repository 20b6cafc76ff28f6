import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revokeTrackingKey } from "@/lib/data/tracking-keys";
import { testConnection } from "@/lib/destinations/test-connection";
import { waitFor } from "@/lib/pipeline/testing";
import { personWithActivity as person, startJourneysPipeline } from "./testing";

// The Journeys destination end to end: @segment/analytics-node → ingest → event log → the delivery worker →
// Segment's customerio definition with its presets → Sluice's Track API in-process → the people store.
// More semantic events: semantic-events.test.ts.

const { setUp } = startJourneysPipeline();

describe("the Customer.io Journeys destination", () => {
  it("anonymous page views, then identify, track, group, devices, alias and the semantic events reach the people store", async () => {
    const { ws, client } = await setUp();
    client.page({ anonymousId: "anon-1", name: "Pricing", properties: { url: "https://example.com/pricing" } });
    await waitFor(
      () => db.personEvent.count({ where: { workspaceId: ws, anonymousId: "anon-1" } }),
      15_000,
      "the held page view",
    );
    client.identify({ userId: "u1", anonymousId: "anon-1", traits: { email: "Ann@Example.com", plan: "pro" } });
    client.track({ userId: "u1", event: "Order Completed", properties: { total: 42 } });
    const ann = await waitFor(
      async () => {
        const p = await person(ws, "u1");
        return p && p.events.length === 2 && p;
      },
      15_000,
      "identify and track on the person",
    );
    expect(ann.email).toBe("ann@example.com");
    expect(JSON.parse(ann.attributes)).toMatchObject({ email: "Ann@Example.com", plan: "pro" });
    expect(ann.events.map((e) => [e.type, e.name]).sort()).toEqual([
      ["event", "Order Completed"],
      ["page", "https://example.com/pricing"],
    ]);

    client.group({
      userId: "u1",
      groupId: "acme",
      traits: { objectAttributes: { name: "Acme" }, relationshipAttributes: { role: "admin" } },
    });
    client.track({
      userId: "u1",
      event: "Device Created or Updated",
      context: { device: { token: "tok-1", type: "ios" } },
    });
    const grouped = await waitFor(
      async () => {
        const p = await person(ws, "u1");
        return p && p.relationships.length === 1 && p.devices.length === 1 && p;
      },
      15_000,
      "the relationship and the device",
    );
    expect(grouped.relationships[0]!.object.objectId).toBe("acme");
    expect(JSON.parse(grouped.relationships[0]!.attributes)).toEqual({ role: "admin" });
    expect(JSON.parse(grouped.relationships[0]!.object.attributes)).toEqual({ name: "Acme" });

    client.track({ userId: "u1", event: "Device Deleted", context: { device: { token: "tok-1" } } });
    client.track({ userId: "u1", event: "Relationship Deleted", properties: { objectId: "acme" } });
    await waitFor(
      async () => {
        const p = await person(ws, "u1");
        return p && p.devices.length === 0 && p.relationships.length === 0;
      },
      15_000,
      "the device and relationship deleted",
    );

    client.identify({ userId: "u2", traits: { city: "Rome" } });
    await waitFor(() => person(ws, "u2"), 15_000, "u2");
    client.alias({ userId: "u1", previousId: "u2" });
    await waitFor(async () => !(await person(ws, "u2")), 15_000, "u2 merged into u1");
    expect(JSON.parse((await person(ws, "u1"))!.attributes).city).toBe("Rome");

    client.track({ userId: "u1", event: "User Suppressed" });
    await waitFor(async () => !(await person(ws, "u1")), 15_000, "u1 suppressed");
    client.identify({ userId: "u1", traits: { plan: "back?" } });
    client.identify({ userId: "u3", traits: {} });
    await waitFor(() => person(ws, "u3"), 15_000, "a later identify");
    expect(await person(ws, "u1")).toBeNull(); // not re-created

    client.track({ userId: "u3", event: "User Deleted" });
    await waitFor(async () => !(await person(ws, "u3")), 15_000, "u3 deleted");
    await client.closeAndFlush({ timeout: 10_000 });
  }, 60_000); // a dozen steps through the worker, each waited for: past the default 20 s on a loaded machine

  it("records a conflicting identify as a failed delivery with the Track API's message", async () => {
    const { ws, client, destinationId } = await setUp();
    client.identify({ userId: "a", traits: { email: "a@example.com" } });
    client.identify({ userId: "b", traits: { email: "b@example.com" } });
    await waitFor(async () => (await db.person.count({ where: { workspaceId: ws } })) === 2, 15_000, "two people");
    client.identify({ userId: "b", traits: { email: "a@example.com" } });
    const failed = await waitFor(
      () =>
        db.delivery.findFirst({
          where: { destinationId, status: { in: ["failed", "dead"] } },
          select: { lastError: true, statusCode: true },
        }),
      15_000,
      "the failed delivery",
    );
    expect(failed.statusCode).toBe(400);
    expect(failed.lastError).toMatch(/Identifier conflict/);
    await client.closeAndFlush({ timeout: 10_000 });
  });

  it("tests its connection against the Track API: a valid key passes, a revoked one fails with the Track API's message", async () => {
    const { ws, key, settings } = await setUp();
    expect(await testConnection("customerio", settings)).toMatchObject({ ok: true });
    await revokeTrackingKey(ws, key.id);
    const revoked = await testConnection("customerio", settings);
    expect(revoked.ok).toBe(false);
    expect(revoked.error).toMatch(/Unauthorized request: the tracking API key "Journeys destination" has been revoked/);
    expect(JSON.stringify(revoked)).not.toContain(settings.apiKey);
  });
});
