import "server-only";
import { inTransaction, type Outcome, type PeopleContext } from "./context";
import { personForAnonymousId } from "./anonymous";
import { PeopleError } from "./errors";
import { sourceOfEvent } from "./origin";
import { ensurePerson, isSuppressed, type Tx } from "./persons";
import type { Identifiers } from "./identifiers";

// Events, page views and screen views. An identified call goes to its person (created when new, as Customer.io
// does); an anonymous one to the person its anonymousId was identified as, or is held for the merge window.
// A repeated event id (the call's messageId) is dropped.

export type ActivityType = "event" | "page" | "screen";

export type TrackInput = {
  identifiers?: Identifiers | null;
  anonymousId?: string | null;
  type: ActivityType;
  name: string;
  eventId?: string | null;
  data?: Record<string, unknown>;
  timestamp?: Date;
};

export type TrackOutcome = Outcome & { personId?: string | null; held?: boolean };

const MAX_NAME = 255;

export async function trackActivity(
  workspaceId: string,
  input: TrackInput,
  ctx: PeopleContext = {},
): Promise<TrackOutcome> {
  const now = ctx.now ?? new Date();
  if (!input.name) throw new PeopleError("invalid", "An event needs a name", "name");
  if (input.name.length > MAX_NAME)
    throw new PeopleError("invalid", `Event names are at most ${MAX_NAME} characters`, "name");
  if (!input.identifiers && !input.anonymousId) {
    throw new PeopleError("invalid", "An event needs a person's identifiers or an anonymous_id", "identifiers");
  }
  return inTransaction(async (tx) => {
    if (input.eventId) {
      const seen = await tx.personEvent.findUnique({
        where: { workspaceId_eventId: { workspaceId, eventId: input.eventId } },
        select: { id: true },
      });
      if (seen) return { ok: true, ignored: "duplicate" };
    }
    let personId: string | null = null;
    if (input.identifiers) {
      if (await isSuppressed(tx, workspaceId, input.identifiers)) return { ok: true, ignored: "suppressed" };
      personId = (await ensurePerson(tx, workspaceId, input.identifiers, now)).id;
    } else if (input.anonymousId) {
      personId = await personForAnonymousId(tx, workspaceId, input.anonymousId);
      if (personId)
        await tx.person.update({ where: { id: personId }, data: { lastSeenAt: now }, select: { id: true } });
    }
    await tx.personEvent.create({
      data: {
        workspaceId,
        personId,
        anonymousId: input.anonymousId ?? null,
        eventId: input.eventId || null,
        type: input.type,
        name: input.name,
        data: JSON.stringify(input.data ?? {}),
        timestamp: input.timestamp ?? now,
        ...(await originOf(tx, workspaceId, input.eventId, ctx)),
        receivedAt: now,
      },
      select: { id: true },
    });
    return { ok: true, personId, held: personId === null };
  });
}

/** Where the event came from: the Sluice source that received it when the Journeys destination delivers it,
 *  else the tracking key of a direct Track API call. */
async function originOf(tx: Tx, workspaceId: string, eventId: string | null | undefined, ctx: PeopleContext) {
  const sourceId = sourceOfEvent(workspaceId, eventId);
  const source = sourceId
    ? await tx.source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true, name: true } })
    : null;
  return source ? { sourceId: source.id, via: source.name } : { sourceId: null, via: ctx.via ?? null };
}
