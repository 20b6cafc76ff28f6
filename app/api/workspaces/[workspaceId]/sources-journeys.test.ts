import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateDestination } from "@/lib/data/destinations";
import { provisionJourneys } from "@/lib/people/provision";
import { callRoute, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as sources from "@/app/api/workspaces/[workspaceId]/sources/route";

// POST /sources connects the new source to the workspace's Journeys destination in its own transaction, as the
// add page offers it pre-ticked; `connectJourneys: false` leaves it out.

function create(workspaceId: string, cookie: string, body: unknown) {
  return callRoute(sources.POST, { method: "POST", cookie, params: { workspaceId }, body });
}

const connectedTo = async (destinationId: string) =>
  (await db.connection.findMany({ where: { destinationId }, select: { sourceId: true } }))
    .map((c) => c.sourceId)
    .sort();

describe("creating a source connects it to the Journeys destination", () => {
  it("by default, in the same request, keeping the destination's other connections", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const journeys = await provisionJourneys(workspaceId);
    const before = await db.destination.findUnique({ where: { id: journeys.id }, select: { configVersion: true } });
    const existing = await create(workspaceId, cookie, { type: "nodejs", name: "Billing", connectJourneys: false });
    await updateDestination(workspaceId, journeys.id, { sourceIds: [existing.body.id] });

    // Two sources created at once: each adds its own connection, neither overwrites the other's.
    const [web, app] = await Promise.all([
      create(workspaceId, cookie, { type: "javascript", name: "Website" }),
      create(workspaceId, cookie, { type: "ios", name: "iOS app", connectJourneys: true }),
    ]);
    expect(web.status).toBe(201);
    expect(web.body).toMatchObject({ name: "Website", journeysDestinationId: journeys.id });
    expect(app.body.journeysDestinationId).toBe(journeys.id);
    expect(await connectedTo(journeys.id)).toEqual([existing.body.id, web.body.id, app.body.id].sort());
    // The delivery worker reloads a destination whose version moved.
    const after = await db.destination.findUnique({ where: { id: journeys.id }, select: { configVersion: true } });
    expect(Number(after!.configVersion)).toBeGreaterThanOrEqual(Number(before!.configVersion) + 3);
    const audit = await db.auditLog.findMany({
      where: { workspaceId, action: "destination.connections", targetId: journeys.id },
      select: { details: true },
    });
    expect(audit.map((a) => a.details)).toContainEqual(JSON.stringify({ added: [web.body.id] }));
  });

  it("not when asked not to, nor when the workspace has no Journeys destination", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const none = await create(workspaceId, cookie, { type: "nodejs", name: "Server" });
    expect(none.status).toBe(201);
    expect(none.body.journeysDestinationId).toBeNull();

    const journeys = await provisionJourneys(workspaceId);
    const off = await create(workspaceId, cookie, { type: "nodejs", name: "Batch job", connectJourneys: false });
    expect(off.body.journeysDestinationId).toBeNull();
    expect(await connectedTo(journeys.id)).toEqual([]);

    const bad = await create(workspaceId, cookie, { type: "nodejs", name: "X", connectJourneys: "yes" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toEqual({ connectJourneys: ["connectJourneys must be true or false"] });
    expect(await db.source.count({ where: { workspaceId, name: "X" } })).toBe(0);
  });
});
