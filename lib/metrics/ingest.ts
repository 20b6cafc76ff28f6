import "server-only";
import { newestVisibleEventId } from "@/lib/pipeline/events";
import {
  collectStatements,
  NothingChangedError,
  offThreadReader,
  readBigInt,
  Sql,
  writeAll,
  type SqlClient,
} from "@/lib/pipeline/sql";
import { rowStart, SPANS } from "./range";

// Ingest metrics, counted by the worker from the event log after the fact, so the ingest request path does no
// extra work: a cursor of its own (MetricCursor "ingest") walks the log in id windows up to the newest visible id
// (every lower id is committed by then, lib/pipeline/events.ts), and each window's counts commit together with the
// cursor's move — a compare-and-set on the old position, so two processes that both believe they run the job
// cannot count a window twice. Calls are counted in the minute and hour they were received. The database groups a
// window's rows (by source, type, status, name and minute): reading every row into JavaScript cost about a fifth
// of the server's main thread under batched ingest.

const CURSOR = "ingest";
export const INGEST_BATCH = 5000;
/** Per source and row, the most frequent event names of a batch are kept; the rest are counted as one. */
const NAMES_PER_ROW = 50;
export const OTHER_NAMES = "(other names)";
const NAME_CHARS = 200;
const STATEMENT_ROWS = 300;

/** Events of one source, type, status and name received in one minute: `n` of them. */
export interface EventGroup {
  workspaceId: string;
  sourceId: string;
  type: string;
  name: string | null;
  status: string;
  /** Minutes since the Unix epoch (lib/metrics/range.ts's minuteOf). */
  minute: number;
  n: number;
}

interface IngestCount {
  workspaceId: string;
  sourceId: string;
  span: number;
  minute: number;
  type: string;
  accepted: number;
  rejected: number;
}

interface NameCount {
  workspaceId: string;
  sourceId: string;
  span: number;
  minute: number;
  type: string;
  name: string;
  count: number;
}

/** Grouped events' counts by source, row (span, start minute) and type; and by event name. */
export function countEvents(groups: EventGroup[]): { calls: IngestCount[]; names: NameCount[] } {
  const calls = new Map<string, IngestCount>();
  const names = new Map<string, Map<string, NameCount>>();
  for (const e of groups) {
    const minute = e.minute;
    const isAccepted = e.status === "accepted";
    for (const span of SPANS) {
      const start = rowStart(minute, span);
      const row = `${e.sourceId}\u0000${span}\u0000${start}`;
      const key = `${row}\u0000${e.type}`;
      let call = calls.get(key);
      if (!call) {
        call = {
          workspaceId: e.workspaceId,
          sourceId: e.sourceId,
          span,
          minute: start,
          type: e.type,
          accepted: 0,
          rejected: 0,
        };
        calls.set(key, call);
      }
      if (isAccepted) call.accepted += e.n;
      else call.rejected += e.n;
      if (!isAccepted || !e.name) continue;
      const name = e.name.length > NAME_CHARS ? e.name.slice(0, NAME_CHARS) : e.name;
      let ofRow = names.get(row);
      if (!ofRow) names.set(row, (ofRow = new Map()));
      const nameKey = `${e.type}\u0000${name}`;
      const n = ofRow.get(nameKey);
      if (n) n.count += e.n;
      else ofRow.set(nameKey, { ...call, name, count: e.n });
    }
  }
  const keptNames: NameCount[] = [];
  for (const ofRow of names.values()) {
    const ranked = [...ofRow.values()].sort((a, b) => b.count - a.count);
    keptNames.push(...ranked.slice(0, NAMES_PER_ROW));
    const rest = ranked.slice(NAMES_PER_ROW);
    if (rest.length)
      keptNames.push({ ...rest[0]!, type: "", name: OTHER_NAMES, count: rest.reduce((s, r) => s + r.count, 0) });
  }
  const order = (a: { sourceId: string; span: number; minute: number }, b: typeof a) =>
    a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.span - b.span || a.minute - b.minute;
  return { calls: [...calls.values()].sort(order), names: keptNames.sort(order) };
}

type Tx = SqlClient;
const int = (n: number) => String(Number.isFinite(n) ? Math.trunc(n) : 0); // counted here: inlined, not bound

async function upsertCalls(tx: Tx, rows: IngestCount[]) {
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
    const q = new Sql();
    const values = rows
      .slice(i, i + STATEMENT_ROWS)
      .map(
        (r) =>
          `(${q.v(r.sourceId)},${int(r.span)},${int(r.minute)},${q.v(r.type)},${q.v(r.workspaceId)},${int(r.accepted)},${int(r.rejected)})`,
      );
    await q.execute(
      `INSERT INTO "MetricIngest" ("sourceId","span","minute","type","workspaceId","accepted","rejected")
       VALUES ${values.join(",")}
       ON CONFLICT ("sourceId","span","minute","type") DO UPDATE SET
         "accepted" = "MetricIngest"."accepted" + excluded."accepted", "rejected" = "MetricIngest"."rejected" + excluded."rejected"`,
      tx,
    );
  }
}

async function upsertNames(tx: Tx, rows: NameCount[]) {
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
    const q = new Sql();
    const values = rows
      .slice(i, i + STATEMENT_ROWS)
      .map(
        (r) =>
          `(${q.v(r.sourceId)},${int(r.span)},${int(r.minute)},${q.v(r.type)},${q.v(r.name)},${q.v(r.workspaceId)},${int(r.count)})`,
      );
    await q.execute(
      `INSERT INTO "MetricEventName" ("sourceId","span","minute","type","name","workspaceId","count")
       VALUES ${values.join(",")}
       ON CONFLICT ("sourceId","span","minute","type","name") DO UPDATE SET "count" = "MetricEventName"."count" + excluded."count"`,
      tx,
    );
  }
}

async function readCursor(): Promise<bigint> {
  const q = new Sql();
  const rows = await q.query<{ position: unknown }>(
    `SELECT "position" FROM "MetricCursor" WHERE "name" = ${q.v(CURSOR)}`,
  );
  if (rows[0]) return readBigInt(rows[0].position);
  const insert = new Sql();
  await insert.execute(
    `INSERT INTO "MetricCursor" ("name","position","updatedAt") VALUES (${insert.v(CURSOR)}, 0, ${insert.v(new Date(), "ts")})
     ON CONFLICT ("name") DO NOTHING`,
  );
  return readCursor();
}

type GroupRow = Omit<EventGroup, "minute" | "n"> & { minute: unknown; n: unknown };

/** The events with after < id ≤ upTo, grouped by the database (off the event loop: under batched ingest a window's
 *  scan was a twentieth of the server's main thread). */
async function groupEvents(after: bigint, upTo: bigint): Promise<EventGroup[]> {
  const q = new Sql();
  // receivedAt is Prisma's ISO text on SQLite (its first 19 characters are the UTC second), a UTC timestamp on PG.
  const minute = q.isPg
    ? `floor(extract(epoch from "receivedAt") / 60)::bigint`
    : `CAST(strftime('%s', substr("receivedAt", 1, 19)) AS INTEGER) / 60`;
  const rows = await q.query<GroupRow>(
    `SELECT "workspaceId","sourceId","type","status","name", ${minute} AS "minute", count(*) AS "n" FROM "Event"
     WHERE "id" > ${q.v(after, "bigint")} AND "id" <= ${q.v(upTo, "bigint")} GROUP BY 1, 2, 3, 4, 5, 6`,
    offThreadReader(),
  );
  return rows.map((r) => ({ ...r, minute: Number(r.minute), n: Number(r.n) }));
}

/** Counts the next window of the event log (at most `batchSize` ids); returns how many events it counted, and
 *  whether it reached the newest event. */
export async function countIngestBatch(batchSize = INGEST_BATCH): Promise<{ counted: number; isDone: boolean }> {
  const after = await readCursor();
  const newest = await newestVisibleEventId();
  if (newest <= after) return { counted: 0, isDone: true };
  const position = newest - after > BigInt(batchSize) ? after + BigInt(batchSize) : newest;
  const groups = await groupEvents(after, position);
  const { calls, names } = countEvents(groups);
  const statements = await collectStatements(async (tx) => {
    const move = new Sql();
    await move.execute(
      `UPDATE "MetricCursor" SET "position" = ${move.v(position, "bigint")}, "updatedAt" = ${move.v(new Date(), "ts")}
       WHERE "name" = ${move.v(CURSOR)} AND "position" = ${move.v(after, "bigint")}`,
      tx,
    );
    await upsertCalls(tx, calls);
    await upsertNames(tx, names);
  });
  try {
    await writeAll(statements, { isFirstGuard: true }); // the cursor moved from `after`, or nothing is written
  } catch (err) {
    if (err instanceof NothingChangedError) return { counted: 0, isDone: true }; // another process counted it
    throw err;
  }
  return { counted: groups.reduce((sum, g) => sum + g.n, 0), isDone: position === newest };
}

/** Counts windows until the cursor reaches the newest event (or `maxBatches`); returns the events counted. */
export async function countIngestBacklog(maxBatches = 20, batchSize = INGEST_BATCH): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { counted, isDone } = await countIngestBatch(batchSize);
    total += counted;
    if (isDone) break;
  }
  return total;
}
