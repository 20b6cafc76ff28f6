import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db, getDbKind } from "@/lib/db";
import { env } from "@/lib/env";
import { onPageRecorded, type RecordedPage } from "@/lib/pipeline/outcomes";
import { listDeliveriesOfEvents } from "@/lib/data/deliveries";
import type { OutcomeUpdate } from "./journey";
import { eventIdsByWorkspace, OUTCOME_CHANNEL, outcomeNotifyPayloads, outcomeProcessId } from "./outcome-notify";

// Delivery outcome updates for the debugger and Data Out, pushed on their SSE streams. The worker's
// onPageRecorded (after each page commits) and the deliveries API (retry, discard) announce which events'
// deliveries changed; where someone in this process watches the workspace, the Delivery rows are read once and
// published on the in-process bus. On PostgreSQL, announcements also travel to every other process as a small
// NOTIFY (outcome-notify.ts), so a web process shows what a separate worker delivered; the worker's own pages
// send theirs inside the transaction that records them.
// Kept on globalThis like the event bus (lib/eventlog/bus.ts): every bundle that includes this shares one.

const RECONNECT_MS = 1000;

type State = {
  bus: EventEmitter;
  relay?: () => void;
  listener?: pg.Client | null;
  connecting?: boolean;
};
const holder = globalThis as unknown as { sluiceOutcomeBus?: State };

function state(): State {
  if (!holder.sluiceOutcomeBus) {
    const bus = new EventEmitter();
    bus.setMaxListeners(0);
    holder.sluiceOutcomeBus = { bus };
  }
  return holder.sluiceOutcomeBus;
}

const name = (workspaceId: string) => `ws:${workspaceId}`;

/** Outcome updates of one workspace, as they happen anywhere in the deployment; returns the unsubscribe. */
export function subscribeToOutcomes(workspaceId: string, listener: (updates: OutcomeUpdate[]) => void): () => void {
  const s = state();
  s.bus.on(name(workspaceId), listener);
  if (getDbKind() === "postgresql") void listen();
  return () => s.bus.off(name(workspaceId), listener);
}

function isWatched(workspaceId: string): boolean {
  return state().bus.listenerCount(name(workspaceId)) > 0;
}

/** Reads the events' Delivery rows and publishes them here, if someone here watches the workspace. */
async function publishLocally(workspaceId: string, eventIds: string[]): Promise<void> {
  if (!isWatched(workspaceId) || eventIds.length === 0) return;
  const updates = await listDeliveriesOfEvents(workspaceId, eventIds);
  if (updates.length === 0) return;
  try {
    state().bus.emit(name(workspaceId), updates);
  } catch (err) {
    console.error("[sluice] outcome listener failed:", err);
  }
}

/** The deliveries of these events changed (committed): tell this process's and, on PostgreSQL, every other's
 *  watchers. Never throws: a lost announcement only delays what the debugger shows until the next one. */
export function announceOutcomes(workspaceId: string, eventIds: string[]): void {
  announceLocally(workspaceId, eventIds);
  if (getDbKind() !== "postgresql") return;
  for (const payload of outcomeNotifyPayloads(workspaceId, eventIds)) {
    db.$queryRawUnsafe(`SELECT pg_notify($1, $2)::text AS "sent"`, OUTCOME_CHANNEL, payload).catch((err: Error) =>
      console.error("[sluice] outcome notify failed:", err.message),
    );
  }
}

function announceLocally(workspaceId: string, eventIds: string[]): void {
  publishLocally(workspaceId, [...new Set(eventIds)]).catch((err) =>
    console.error("[sluice] outcome update failed:", err),
  );
}

/** A recorded page, to this process's watchers: its transaction notified the other processes already. */
function announcePage(page: RecordedPage): void {
  for (const [workspaceId, ids] of eventIdsByWorkspace(page.outcomes)) announceLocally(workspaceId, ids);
}

/** Relays the worker's recorded pages (in this process) as outcome updates. Once per process, at startup, in
 *  the bundle that starts the worker (onPageRecorded's listeners live in that module instance). */
export function startOutcomeRelay(): void {
  const s = state();
  s.relay ??= onPageRecorded(announcePage);
}

/** PostgreSQL: LISTEN for other processes' announcements while anyone here watches a workspace. */
async function listen(): Promise<void> {
  const s = state();
  if (s.listener || s.connecting) return;
  s.connecting = true;
  const client = new pg.Client({ connectionString: env.databaseUrl, application_name: "sluice-outcomes" });
  client.on("error", (err) => console.error("[sluice] outcome listener error:", err.message));
  client.on("notification", (n) => {
    try {
      const msg = JSON.parse(n.payload ?? "") as { p: string; w: string; e: string[] };
      if (msg.p === outcomeProcessId()) return; // published here already
      publishLocally(msg.w, msg.e).catch((err) => console.error("[sluice] outcome update failed:", err));
    } catch {
      // not ours
    }
  });
  client.on("end", () => {
    if (s.listener !== client) return;
    s.listener = null;
    setTimeout(() => void listen(), RECONNECT_MS).unref();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${OUTCOME_CHANNEL}`);
    s.listener = client;
  } catch (err) {
    console.error("[sluice] outcome listener could not listen (retrying):", (err as Error).message);
    client.end().catch(() => undefined);
    setTimeout(() => void listen(), RECONNECT_MS).unref();
  } finally {
    s.connecting = false;
  }
}
