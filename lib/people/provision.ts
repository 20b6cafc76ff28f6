import "server-only";
import { createDestination } from "@/lib/data/destinations";
import { createTrackingKey } from "@/lib/data/tracking-keys";
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
