// The Sluice source an event was received by, while the Journeys destination delivers it. Its requests reach the
// Track API in-process, carrying only the tracking key (which is all a call from outside has); the destination
// registers the events it is sending here — by messageId, which its actions send as the event id — for as long
// as the request runs, and the store records that source on the event instead of the key.

const pending = new Map<string, { sourceId: string; holders: number }>();
const keyOf = (workspaceId: string, eventId: string) => `${workspaceId}\u0000${eventId}`;

/** Runs `fn` with the events' sources registered; they are forgotten when it settles. */
export async function withEventSources<T>(
  workspaceId: string,
  events: { messageId?: string; sourceId: string }[],
  fn: () => Promise<T>,
): Promise<T> {
  const keys = events.filter((e) => e.messageId).map((e) => [keyOf(workspaceId, e.messageId!), e.sourceId] as const);
  for (const [key, sourceId] of keys) {
    const entry = pending.get(key);
    if (entry) entry.holders++;
    else pending.set(key, { sourceId, holders: 1 });
  }
  try {
    return await fn();
  } finally {
    for (const [key] of keys) {
      const entry = pending.get(key);
      if (entry && --entry.holders === 0) pending.delete(key);
    }
  }
}

/** The source of an event being delivered by the Journeys destination right now, if it is one. */
export function sourceOfEvent(workspaceId: string, eventId: string | null | undefined): string | null {
  return eventId ? (pending.get(keyOf(workspaceId, eventId))?.sourceId ?? null) : null;
}
