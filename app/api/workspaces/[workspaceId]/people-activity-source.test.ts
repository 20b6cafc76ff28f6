import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateDestination } from "@/lib/data/destinations";
import { trackActivity } from "@/lib/people";
import { provisionJourneys } from "@/lib/people/provision";
import { startJourneysPipeline } from "@/lib/people/testing";
import { waitFor } from "@/lib/pipeline/testing";
import { callRoute, seedMember } from "@/lib/testing/fixtures";
import * as activity from "./people/[personId]/activity/route";

// The activity timeline says which Sluice source received each call, for calls that reach the people store
// through ingest → delivery → the Journeys destination (in-process Track API), not the destination's key.

const pipeline = startJourneysPipeline();

async function addSource(workspaceId: string, name: string) {
  const writeKey = `wk_${crypto.randomBytes(8).toString("hex")}`;
  return db.source.create({
    data: { workspaceId, type: "nodejs", name, writeKey },
    select: { id: true, writeKey: true },
  });
}

describe("the activity timeline's source", () => {
  it("shows the Sluice source that received each call and its time, not the Journeys destination's key", async () => {
    const { workspace, cookie } = await seedMember();
    const ws = workspace.id;
    const journeys = await provisionJourneys(ws);
    const web = await addSource(ws, "Marketing site");
    const api = await addSource(ws, "Billing service");
    await updateDestination(ws, journeys.id, { sourceIds: [web.id, api.id] });
    await pipeline.claim(ws, journeys.id);

    // A direct Track API call has no Sluice source in front of it: the tracking key it came with stays.
    await trackActivity(ws, { identifiers: { id: "u1" }, type: "event", name: "Direct" }, { via: "Mobile key" });
    const sentAt = new Date("2026-11-20T10:11:12.000Z");
    for (const [source, event] of [
      [web, "Viewed Pricing"],
      [api, "Invoice Paid"],
    ] as const) {
      const client = pipeline.clientFor(source.writeKey);
      client.track({ userId: "u1", event, timestamp: sentAt });
      await client.closeAndFlush();
    }
    const person = await waitFor(
      async () => {
        const p = await db.person.findFirst({
          where: { workspaceId: ws, externalId: "u1" },
          include: { events: true },
        });
        return p && p.events.length === 3 && p;
      },
      20_000,
      "both delivered events on the person",
    );
    await db.source.update({ where: { id: api.id }, data: { name: "Billing" } });

    const res = await callRoute(activity.GET, { url: "/", params: { workspaceId: ws, personId: person.id }, cookie });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.activity.map((a: { name: string; via: string; sourceId: string | null; timestamp: string }) => [
        a.name,
        { via: a.via, sourceId: a.sourceId, timestamp: a.timestamp },
      ]),
    );
    expect(byName["Viewed Pricing"]).toEqual({
      via: "Marketing site",
      sourceId: web.id,
      timestamp: sentAt.toISOString(),
    });
    // A renamed source shows its name now.
    expect(byName["Invoice Paid"]).toEqual({ via: "Billing", sourceId: api.id, timestamp: sentAt.toISOString() });
    expect(byName["Direct"]).toMatchObject({ via: "Mobile key", sourceId: null });
  });
});
