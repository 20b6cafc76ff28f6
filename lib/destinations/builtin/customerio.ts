import "server-only";
import customerio from "@segment/action-destinations/dist/destinations/customerio";
import type { DestinationDefinition } from "@segment/actions-core";
import { core } from "@/lib/destinations/core";
import { currentDeliveryOrigin } from "@/lib/destinations/delivery-origin";
import { registerInProcessHost } from "@/lib/destinations/in-process-host";
import { withEventSources } from "@/lib/people/origin";
import { trackApiListener } from "@/lib/track-api/node";
import type { BuiltinDestination } from "./index";

// "Customer.io Journeys": Segment's real `customerio` definition (its actions, presets, triggers and field
// mappings as they are) whose requests go to Sluice's own Track API, in-process, unless the user picks a real
// Customer.io region. The definition always calls track(-eu).customer.io; with the Sluice region each action
// gets a request function that sends those URLs to the internal host instead, which lib/destinations/http.ts
// serves in-process (no DNS, no socket). Site ID and API key are then a Sluice tracking API key.

export const SLUICE_REGION = "sluice";
export const JOURNEYS_INTERNAL_HOST = "journeys.sluice.internal";
const TRACK_HOST = /^https:\/\/track(-eu)?\.customer\.io(?=\/|$)/;

// Not recorded as Track API calls: they are in the event log already, as the calls they were mapped from.
registerInProcessHost(JOURNEYS_INTERNAL_HOST, trackApiListener({ isRecorded: false }));

type Settings = { siteId?: string; apiKey?: string; accountRegion?: string };
type RequestFn = ((url: string, options?: object) => Promise<unknown>) & Record<string, unknown>;
type Perform = (request: RequestFn, data: { settings: Settings } & Record<string, unknown>) => unknown;

export function isSluiceRegion(settings: Settings | undefined): boolean {
  return !settings?.accountRegion || settings.accountRegion === SLUICE_REGION;
}

/** The Track API URL a request of the definition really goes to. */
export function routeTrackUrl(url: string, settings: Settings | undefined): string {
  return isSluiceRegion(settings) ? url.replace(TRACK_HOST, `http://${JOURNEYS_INTERNAL_HOST}`) : url;
}

// A request to Sluice's own Track API tells the people store which Sluice source each delivered event came
// through, so the timeline shows that source rather than the destination's tracking key.
function routed(request: RequestFn, settings: Settings | undefined): RequestFn {
  const fn = ((url: string, options?: object) => {
    const origin = isSluiceRegion(settings) ? currentDeliveryOrigin() : undefined;
    const send = () => request(routeTrackUrl(url, settings), options);
    return origin ? withEventSources(origin.workspaceId, origin.events, send) : send();
  }) as RequestFn;
  return Object.assign(fn, request);
}

function wrap(perform: Perform | undefined): Perform | undefined {
  return perform && ((request, data) => perform(routed(request, data.settings), data));
}

type BatchError = { batch_index?: number; reason?: string; message?: string };
type Answer = { status?: number; content?: string; data?: unknown };

/** The items of a v2 batch its 207 says failed, by batch_index (this definition version ignores them). */
function failedItems(answer: Answer): Map<number, BatchError> {
  const body = (typeof answer.data === "object" && answer.data) || JSON.parse(answer.content || "{}");
  const errors = Array.isArray((body as { errors?: unknown }).errors) ? (body as { errors: BatchError[] }).errors : [];
  return new Map(errors.filter((e) => typeof e.batch_index === "number").map((e) => [e.batch_index!, e]));
}

// A 207 from /api/v2/batch becomes a multi-status answer, so each failed item is a failed delivery with the
// Track API's message (a conflict is never recorded as delivered) and the rest are delivered.
function wrapBatch(performBatch: Perform | undefined): Perform | undefined {
  return (
    performBatch &&
    (async (request, data) => {
      const answer = (await performBatch(routed(request, data.settings), data)) as Answer;
      if (answer?.status !== 207) return answer;
      const failed = failedItems(answer);
      const multi = new core.MultiStatusResponse();
      (data.payload as object[]).forEach((sent, i) => {
        const error = failed.get(i);
        if (!error) return multi.pushSuccessResponse({ status: 200, sent: sent as never, body: {} });
        multi.pushErrorResponse({
          status: error.reason === "not_found" ? 404 : 400,
          errortype: "BAD_REQUEST",
          errormessage: error.message ?? "The Track API refused this item",
          sent: sent as never,
          body: error as never,
        });
      });
      return multi;
    })
  );
}

/** The connection test, with the Track API's own message when it refuses (not just "401 Unauthorized"). */
async function testAuthentication(request: unknown, data: { settings: Settings }) {
  try {
    return await (auth.testAuthentication as unknown as Perform)(routed(request as RequestFn, data.settings), data);
  } catch (err) {
    const answer = (err as { response?: Answer }).response;
    const body = answer ? (answer.data ?? (answer.content ? JSON.parse(answer.content) : null)) : null;
    const message = (body as { meta?: { error?: string } } | null)?.meta?.error;
    // actions-core puts the status in front ("Credentials are invalid: 401 …"): keep the error, say its message.
    if (message && err instanceof Error) err.message = message.trim();
    throw err;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = DestinationDefinition<any>;
const segment = customerio as unknown as AnyDefinition;
const auth = segment.authentication!;
const region = auth.fields.accountRegion!;

const definition: AnyDefinition = {
  ...segment,
  name: "Customer.io Journeys",
  description:
    "Sluice's built-in people store: people, their attributes, events, devices, objects and relationships, fed through Customer.io's Track API as Sluice serves it. Pick a Customer.io region and enter its keys to send to a real Customer.io workspace instead.",
  authentication: {
    ...auth,
    fields: {
      siteId: {
        ...auth.fields.siteId!,
        description:
          "The Site ID of a tracking API key (Settings › API credentials), or of your Customer.io workspace.",
      },
      apiKey: { ...auth.fields.apiKey!, description: "That tracking API key's API key." },
      accountRegion: {
        ...region,
        description:
          "Sluice keeps the people in this workspace; US or EU sends them to Customer.io's data centre instead.",
        choices: [
          { label: "Sluice (this workspace)", value: SLUICE_REGION },
          ...(region.choices as { label: string; value: string }[]),
        ],
        default: SLUICE_REGION,
      },
    },
    testAuthentication,
  } as AnyDefinition["authentication"],
  actions: Object.fromEntries(
    Object.entries(segment.actions).map(([key, action]) => [
      key,
      {
        ...action,
        perform: wrap(action.perform as unknown as Perform),
        ...(action.performBatch && { performBatch: wrapBatch(action.performBatch as unknown as Perform) }),
      },
    ]),
  ) as unknown as AnyDefinition["actions"],
  ...(segment.onDelete && { onDelete: wrap(segment.onDelete as unknown as Perform) as AnyDefinition["onDelete"] }),
};

export const journeysDestination: BuiltinDestination = { definition, category: "Email & Messaging", logo: null };
