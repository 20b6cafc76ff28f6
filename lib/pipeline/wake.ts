import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { getDbKind } from "@/lib/db";
import { env } from "@/lib/env";
import { subscribeToEventBatches } from "@/lib/eventlog";
import { NOTIFY_CHANNEL, parseCommitNotify } from "@/lib/eventlog/postgres";
import { Sql } from "./sql";

// What wakes a worker when events are stored: on SQLite the in-process live bus (ingest runs in the same
// process), on PostgreSQL the event log's commit notifications (every process's commits). Each returns its
// unsubscribe. The same ways carry lease news between the workers of a scope — a worker joined, left, or
// released destinations — so one with room claims them at once instead of at its next lease round: on
// PostgreSQL a NOTIFY on LEASES_CHANNEL, which the commit listener's connection also LISTENs to; on SQLite (one
// worker process, as a rule) an in-process signal. A lost one only waits for the next round.

/** Lease news: NOTIFY payload {"scope","from"} (the announcing worker's id, so it ignores its own). */
export const LEASES_CHANNEL = "sluice_leases";
type LeaseNews = { scope: string; from: string };
export type OnLeaseNews = (news: LeaseNews) => void;

const local = new EventEmitter().setMaxListeners(0);

/** Tells the scope's other workers that its leases changed. Never throws (the next lease round catches up). */
export async function announceLeaseNews(news: LeaseNews): Promise<void> {
  try {
    if (getDbKind() !== "postgresql") return void local.emit(LEASES_CHANNEL, news);
    const q = new Sql();
    await q.query(`SELECT pg_notify(${q.v(LEASES_CHANNEL)}, ${q.v(JSON.stringify(news))})::text AS "sent"`);
  } catch (err) {
    console.error("[sluice] lease news not sent (the next lease round catches up):", (err as Error).message);
  }
}

/** Each commit's accepted events on the in-process bus: the highest id and their sources; and lease news of this
 *  process. */
export function subscribeToEventIds(
  saw: (upTo: bigint, sourceIds: ReadonlySet<string>) => void,
  onLeaseNews: OnLeaseNews,
): () => Promise<void> {
  const off = subscribeToEventBatches((events) => {
    let last: string | undefined;
    const sources = new Set<string>();
    for (const e of events) {
      if (e.status !== "accepted") continue;
      last = e.id; // in id order
      sources.add(e.sourceId);
    }
    if (last !== undefined) saw(BigInt(last), sources);
  });
  local.on(LEASES_CHANNEL, onLeaseNews);
  return async () => {
    off();
    local.off(LEASES_CHANNEL, onLeaseNews);
  };
}

/** LISTENs to the event log's commit notifications (each commit's highest id and, mostly, the sources of its
 *  accepted events) and lease news. `onListening(true)` once the LISTEN is in place (every later commit is
 *  heard), `onListening(false)` when the connection is lost (commits may go unheard until it is back). */
export function listenForCommits(
  saw: (id: bigint, sourceIds?: ReadonlySet<string>) => void,
  onLeaseNews: OnLeaseNews,
  onListening: (listening: boolean) => void,
): () => Promise<void> {
  let client: pg.Client | null = null;
  let closed = false;
  const connect = () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: env.databaseUrl, application_name: "sluice-delivery-worker" });
    c.on("notification", (n) => {
      if (n.channel === LEASES_CHANNEL) {
        const news = parseLeaseNews(n.payload);
        if (news) onLeaseNews(news);
        return;
      }
      const commit = parseCommitNotify(n.payload);
      if (commit) saw(commit.id, commit.sourceIds);
    });
    c.on("error", () => undefined);
    c.on("end", () => {
      if (client === c) client = null;
      onListening(false);
      if (!closed) setTimeout(connect, 1000).unref();
    });
    client = c;
    c.connect()
      .then(() => c.query(`LISTEN ${NOTIFY_CHANNEL}; LISTEN ${LEASES_CHANNEL}`))
      .then(() => client === c && onListening(true))
      .catch(() => c.end().catch(() => undefined));
  };
  connect();
  return async () => {
    closed = true;
    await client?.end().catch(() => undefined);
  };
}

function parseLeaseNews(payload: string | undefined): LeaseNews | null {
  try {
    const news = JSON.parse(payload ?? "") as Partial<LeaseNews>;
    return typeof news.scope === "string" && typeof news.from === "string"
      ? { scope: news.scope, from: news.from }
      : null;
  } catch {
    return null;
  }
}
