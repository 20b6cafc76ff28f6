import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { subscribeToEvents } from "@/lib/eventlog";
import { NOTIFY_CHANNEL } from "@/lib/eventlog/postgres";

// What wakes a worker when events are stored: on SQLite the in-process live bus (ingest runs in the same
// process), on PostgreSQL the event log's commit notifications (every process's commits). Each returns its
// unsubscribe.

/** Accepted events published on the in-process bus, with their source. */
export function subscribeToEventIds(saw: (id: bigint, sourceId: string) => void): () => Promise<void> {
  const off = subscribeToEvents((event) => {
    if (event.status === "accepted") saw(BigInt(event.id), event.sourceId);
  });
  return async () => off();
}

/** LISTENs to the event log's commit notifications (their payload is the commit's highest id). */
export function listenForCommits(saw: (id: bigint) => void): () => Promise<void> {
  let client: pg.Client | null = null;
  let closed = false;
  const connect = () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: env.databaseUrl, application_name: "sluice-delivery-worker" });
    c.on("notification", (n) => {
      if (n.payload && /^\d+$/.test(n.payload)) saw(BigInt(n.payload));
    });
    c.on("error", () => undefined);
    c.on("end", () => {
      if (client === c) client = null;
      if (!closed) setTimeout(connect, 1000).unref();
    });
    client = c;
    c.connect()
      .then(() => c.query(`LISTEN ${NOTIFY_CHANNEL}`))
      .catch(() => c.end().catch(() => undefined));
  };
  connect();
  return async () => {
    closed = true;
    await client?.end().catch(() => undefined);
  };
}
