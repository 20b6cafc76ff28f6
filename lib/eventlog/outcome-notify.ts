import crypto from "node:crypto";

// The NOTIFY that carries outcome updates between processes on PostgreSQL (outcome-bus.ts listens to it): its
// channel and payloads — the workspace and event ids, never payloads, and the announcing process's id, so that
// process (which published them itself) ignores its own. A worker sends them inside the transaction that records
// a page (lib/pipeline/outcomes.ts): delivered at its commit, and no round trip of their own.

export const OUTCOME_CHANNEL = "sluice_outcomes";
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;

const holder = globalThis as unknown as { sluiceOutcomeProcessId?: string };

/** This process's id in outcome notifications (on globalThis: every bundle that includes this shares it). */
export function outcomeProcessId(): string {
  holder.sluiceOutcomeProcessId ??= crypto.randomBytes(6).toString("hex");
  return holder.sluiceOutcomeProcessId;
}

/** Event ids (as text) per workspace. */
export function eventIdsByWorkspace(items: { workspaceId: string; eventId: bigint }[]): Map<string, string[]> {
  const byWorkspace = new Map<string, string[]>();
  for (const { workspaceId, eventId } of items) {
    const ids = byWorkspace.get(workspaceId) ?? [];
    ids.push(String(eventId));
    byWorkspace.set(workspaceId, ids);
  }
  return byWorkspace;
}

/** The NOTIFY payloads announcing that these events' deliveries changed (as many as their size needs). */
export function outcomeNotifyPayloads(workspaceId: string, eventIds: string[]): string[] {
  const payload = (e: string[]) => JSON.stringify({ p: outcomeProcessId(), w: workspaceId, e });
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const id of new Set(eventIds)) {
    if (size + id.length + 3 > MAX_PAYLOAD - 100 && current.length) {
      payloads.push(payload(current));
      current = [];
      size = 0;
    }
    current.push(id);
    size += id.length + 3;
  }
  if (current.length) payloads.push(payload(current));
  return payloads;
}
