import "server-only";
import type { Tx } from "./persons";
import { mergeWindowDays } from "./context";
import { mergeWindowStart } from "./window";
import { attachHeldRelationships, discardExpiredHeldRelationships } from "./held-relationships";

// Anonymous activity is held (PersonEvent without a person) until its anonymousId is identified: then what
// happened within the merge window attaches to the person and anything older is discarded. An identified
// anonymousId stays the person's, so later anonymous calls under it go straight to them. Relationships (group
// calls) of the anonymousId are held and attached the same way (./held-relationships.ts).

/** The person an anonymousId was identified as, if any. */
export async function personForAnonymousId(tx: Tx, workspaceId: string, anonymousId: string): Promise<string | null> {
  const row = await tx.personAnonymousId.findUnique({
    where: { workspaceId_anonymousId: { workspaceId, anonymousId } },
    select: { personId: true },
  });
  return row?.personId ?? null;
}

/** Ties an anonymousId to a person and attaches its held activity; returns how many events attached. */
export async function attachAnonymous(
  tx: Tx,
  workspaceId: string,
  personId: string,
  anonymousId: string,
  now: Date,
): Promise<number> {
  const owner = await personForAnonymousId(tx, workspaceId, anonymousId);
  if (owner && owner !== personId) return 0; // someone else's already: Customer.io keeps the first merge
  if (!owner)
    await tx.personAnonymousId.create({ data: { workspaceId, anonymousId, personId }, select: { personId: true } });
  const start = mergeWindowStart(now, await mergeWindowDays(tx, workspaceId));
  const attached = await tx.personEvent.updateMany({
    where: { workspaceId, anonymousId, personId: null, timestamp: { gte: start } },
    data: { personId },
  });
  await tx.personEvent.deleteMany({ where: { workspaceId, anonymousId, personId: null } });
  await attachHeldRelationships(tx, workspaceId, personId, anonymousId, start);
  return attached.count;
}

/** Drops held anonymous activity and relationships older than the merge window (nobody identified them in
 *  time); returns how many events went. */
export async function discardExpiredAnonymous(tx: Tx, workspaceId: string, now: Date): Promise<number> {
  const start = mergeWindowStart(now, await mergeWindowDays(tx, workspaceId));
  const gone = await tx.personEvent.deleteMany({ where: { workspaceId, personId: null, timestamp: { lt: start } } });
  await discardExpiredHeldRelationships(tx, workspaceId, start);
  return gone.count;
}
