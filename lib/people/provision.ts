import "server-only";
import { createDestination } from "@/lib/data/destinations";
import { createTrackingKey } from "@/lib/data/tracking-keys";
import { recordAudit } from "@/lib/data/audit";
import type { Actor } from "@/lib/api/handler";
import type { Tx } from "./persons";
import { JOURNEYS_SLUG } from "@/lib/schemas/destinations";

// Every workspace starts with the Journeys destination, as every Customer.io workspace has its Journeys
// workspace: Segment's customerio definition pointed at Sluice's own Track API, authenticated with a tracking
// key made for it. It has no sources yet; each new source offers it, pre-ticked. It can be removed like any other.

export const JOURNEYS_NAME = "Customer.io Journeys";
export const JOURNEYS_KEY_NAME = "Journeys destination";

export async function provisionJourneys(workspaceId: string) {
  // Its key gets no source: the destination's calls are in the event log already, as the calls they came from.
  const key = await createTrackingKey(workspaceId, { name: JOURNEYS_KEY_NAME }, { asSource: false });
  return createDestination(workspaceId, {
    slug: JOURNEYS_SLUG,
    name: JOURNEYS_NAME,
    settings: { siteId: key.siteId, apiKey: key.apiKey, accountRegion: "sluice" },
    sourceIds: [],
    enabled: true,
  });
}

/**
 * Adds the new source to the workspace's Journeys destination (its first, as the add page shows it) in the
 * source's own transaction: one connection row, so a concurrent change to the destination's other connections
 * is not overwritten. The version bump makes the delivery worker reload the destination's sources.
 */
export async function connectToJourneys(
  tx: Tx,
  workspaceId: string,
  sourceId: string,
  actor?: Actor,
): Promise<string | null> {
  const journeys = await tx.destination.findFirst({
    where: { workspaceId, slug: JOURNEYS_SLUG },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!journeys) return null;
  await tx.connection.create({
    data: { workspaceId, sourceId, destinationId: journeys.id },
    select: { sourceId: true },
  });
  await tx.destination.update({
    where: { id: journeys.id },
    data: { configVersion: { increment: 1 } },
    select: { id: true },
  });
  await recordAudit(tx, workspaceId, actor, "destination.connections", {
    type: "destination",
    id: journeys.id,
    details: { added: [sourceId] },
  });
  return journeys.id;
}
