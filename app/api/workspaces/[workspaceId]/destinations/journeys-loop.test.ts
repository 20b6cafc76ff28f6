import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTrackingKey } from "@/lib/data/tracking-keys";
import { sourceForTrackingKey } from "@/lib/data/tracking-key-sources";
import { callRoute, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as destinations from "@/app/api/workspaces/[workspaceId]/destinations/route";
import * as destination from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/route";
import * as sources from "@/app/api/workspaces/[workspaceId]/sources/route";

// A tracking key's source ("Journeys API — <key name>") stores calls the Track API has already applied to the
// people store: it must not feed the Customer.io Journeys destination, which would apply each one again.

async function seed() {
  const ws = await seedMemberWorkspace();
  const key = await createTrackingKey(ws.workspaceId, { name: "Mobile backend" });
  const trackApi = (await sourceForTrackingKey(ws.workspaceId, key.id))!;
  const plain = await db.source.create({
    data: { workspaceId: ws.workspaceId, type: "http", name: "HTTP", writeKey: `wk-${crypto.randomUUID()}` },
    select: { id: true },
  });
  return { ...ws, key, trackApiId: trackApi.id, plainId: plain.id };
}

const journeys = { slug: "customerio", name: "Customer.io Journeys", settings: { siteId: "s", apiKey: "k" } };

describe("the Journeys destination and the Track API's own sources", () => {
  it("refuses a tracking key's source with 422 on sourceIds, when created and when patched; other sources connect", async () => {
    const { workspaceId, cookie, trackApiId, plainId } = await seed();
    const params = { workspaceId };
    const create = (body: object) => callRoute(destinations.POST, { method: "POST", cookie, params, body });

    const refused = await create({ ...journeys, sourceIds: [plainId, trackApiId] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields).toEqual({
      sourceIds: [
        expect.stringMatching(/^“Journeys API — Mobile backend” stores the Track API's calls.*apply them twice/),
      ],
    });
    expect(await db.destination.count({ where: { workspaceId } })).toBe(0);

    const created = await create({ ...journeys, sourceIds: [plainId] });
    expect(created.status).toBe(201);
    const patch = (sourceIds: string[]) =>
      callRoute(destination.PATCH, {
        method: "PATCH",
        cookie,
        params: { workspaceId, destinationId: created.body.id },
        body: { sourceIds },
      });
    const patched = await patch([plainId, trackApiId]);
    expect(patched.status).toBe(422);
    expect(patched.body.error.details.fields.sourceIds[0]).toMatch(/Journeys API — Mobile backend/);
    expect(
      await db.connection.findMany({ where: { destinationId: created.body.id }, select: { sourceId: true } }),
    ).toEqual([{ sourceId: plainId }]);
    expect((await patch([])).status).toBe(200);

    // Any other destination may take the Track API's calls.
    const webhook = await create({
      slug: "webhook",
      name: "Mirror",
      sourceIds: [trackApiId],
    });
    expect(webhook.status).toBe(201);
    expect(webhook.body.sourceIds).toEqual([trackApiId]);
  });

  it("lists each source with the tracking key it stores the calls of, so the source picker can leave it out", async () => {
    const { workspaceId, cookie, key, trackApiId, plainId } = await seed();
    const list = await callRoute(sources.GET, { cookie, params: { workspaceId } });
    expect(list.status).toBe(200);
    const byId = new Map(list.body.sources.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(trackApiId)).toMatchObject({ trackingKeyId: key.id });
    expect(byId.get(plainId)).toMatchObject({ trackingKeyId: null });
    expect(byId.get(trackApiId)).not.toHaveProperty("settings");
  });
});
