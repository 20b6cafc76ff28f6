import "server-only";
import type { FilteredCount, Outcome } from "@/lib/pipeline/outcomes";
import { Sql, type SqlClient } from "@/lib/pipeline/sql";
import { bucketOf, emptyHistogram, LATENCY_BUCKETS } from "./histogram";
import { minuteOf, rowStart, SPANS } from "./range";

// Delivery metrics, written inside recordPage's transaction (lib/pipeline/outcomes.ts): a page's counts commit
// with its outcomes or not at all, so the charts count each outcome exactly once, crash or no crash. One
// upsert per page (a row per action × source, for the minute and for the hour) and one for its error messages.

type Tx = SqlClient;

const COUNTS = ["delivered", "failed", "dead", "retrying", "filtered"] as const;
const COUNTED = new Set<string>(COUNTS);
const HISTOGRAM = Array.from({ length: LATENCY_BUCKETS }, (_, i) => `"h${i}"`);
/** Longer messages are clipped, so one failing call's details do not make every message distinct. */
export const ERROR_MESSAGE_CHARS = 200;
/** Per action and page, the most frequent messages are kept; the rest are counted as one. */
const ERRORS_PER_ACTION = 20;
export const OTHER_ERRORS = "Other errors";

interface CountRow {
  workspaceId: string;
  destinationId: string;
  actionId: string;
  sourceId: string;
  counts: Record<(typeof COUNTS)[number], number>;
  histogram: number[];
}

function rowFor(rows: Map<string, CountRow>, o: Omit<CountRow, "counts" | "histogram">): CountRow {
  const key = `${o.actionId}\u0000${o.sourceId}`;
  let row = rows.get(key);
  if (!row) {
    row = { ...o, counts: { delivered: 0, failed: 0, dead: 0, retrying: 0, filtered: 0 }, histogram: emptyHistogram() };
    rows.set(key, row);
  }
  return row;
}

/** The page's counts per action × source (filtered events are counted per action: source ""), sorted by key so
 *  concurrent pages lock rows in the same order. */
export function countOutcomes(outcomes: Outcome[], filtered: FilteredCount[]): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const o of outcomes) {
    if (!COUNTED.has(o.status)) continue; // a status added later is not a column: never fail the page for it
    const row = rowFor(rows, o);
    row.counts[o.status as (typeof COUNTS)[number]]++;
    if (o.status === "delivered" && o.latencyMs !== null) row.histogram[bucketOf(o.latencyMs)]!++;
  }
  for (const f of filtered) rowFor(rows, { ...f, sourceId: "" }).counts.filtered += f.count;
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

export interface ErrorRow {
  workspaceId: string;
  destinationId: string;
  actionId: string;
  message: string;
  count: number;
}

export function clipMessage(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  return line.length > ERROR_MESSAGE_CHARS ? `${line.slice(0, ERROR_MESSAGE_CHARS - 1)}…` : line || "(no message)";
}

/** Error messages of the page's failed, dead and retrying outcomes, counted per action (top ones kept). */
export function countErrors(outcomes: Outcome[]): ErrorRow[] {
  const byAction = new Map<string, Map<string, ErrorRow>>();
  for (const o of outcomes) {
    if (o.status === "delivered" || o.error === null) continue;
    const message = clipMessage(o.error);
    let messages = byAction.get(o.actionId);
    if (!messages) byAction.set(o.actionId, (messages = new Map()));
    const row = messages.get(message);
    if (row) row.count++;
    else messages.set(message, { ...o, message, count: 1 });
  }
  const out: ErrorRow[] = [];
  for (const messages of byAction.values()) {
    const ranked = [...messages.values()].sort((a, b) => b.count - a.count);
    const kept = ranked.slice(0, ERRORS_PER_ACTION);
    const rest = ranked.slice(ERRORS_PER_ACTION);
    if (rest.length) {
      const other = kept.find((r) => r.message === OTHER_ERRORS);
      const count = rest.reduce((n, r) => n + r.count, 0);
      if (other) other.count += count;
      else kept.push({ ...rest[0]!, message: OTHER_ERRORS, count });
    }
    out.push(...kept);
  }
  return out.sort((a, b) =>
    a.actionId === b.actionId ? (a.message < b.message ? -1 : 1) : a.actionId < b.actionId ? -1 : 1,
  );
}

// Counted here, never client input: inlined, not bound (a page's statement stays far below SQLite's 32,766 limit).
const int = (n: number) => String(Number.isFinite(n) ? Math.trunc(n) : 0);

function upsertCounts(tx: Tx, rows: CountRow[], minute: number) {
  const q = new Sql();
  const values = SPANS.flatMap((span) =>
    rows.map(
      (r) =>
        `(${q.v(r.actionId)},${q.v(r.sourceId)},${int(span)},${int(rowStart(minute, span))},${q.v(r.workspaceId)},` +
        `${q.v(r.destinationId)},${COUNTS.map((c) => int(r.counts[c])).join(",")},${r.histogram.map(int).join(",")})`,
    ),
  );
  const columns = [...COUNTS.map((c) => `"${c}"`), ...HISTOGRAM];
  return q.execute(
    `INSERT INTO "MetricDelivery" ("actionId","sourceId","span","minute","workspaceId","destinationId",${columns.join(",")})
     VALUES ${values.join(",")}
     ON CONFLICT ("actionId","sourceId","span","minute") DO UPDATE SET
       ${columns.map((c) => `${c} = "MetricDelivery".${c} + excluded.${c}`).join(", ")}`,
    tx,
  );
}

function upsertErrors(tx: Tx, rows: ErrorRow[], minute: number) {
  const q = new Sql();
  const values = SPANS.flatMap((span) =>
    rows.map(
      (r) =>
        `(${q.v(r.actionId)},${int(span)},${int(rowStart(minute, span))},${q.v(r.message)},${q.v(r.workspaceId)},` +
        `${q.v(r.destinationId)},${int(r.count)})`,
    ),
  );
  return q.execute(
    `INSERT INTO "MetricDeliveryError" ("actionId","span","minute","message","workspaceId","destinationId","count")
     VALUES ${values.join(",")}
     ON CONFLICT ("actionId","span","minute","message") DO UPDATE SET "count" = "MetricDeliveryError"."count" + excluded."count"`,
    tx,
  );
}

/** Adds a page's outcomes and filtered counts to the current minute's and hour's aggregates, in `tx`. */
export async function addDeliveryMetrics(
  tx: Tx,
  outcomes: Outcome[],
  filtered: FilteredCount[],
  now: Date = new Date(),
): Promise<void> {
  if (outcomes.length === 0 && filtered.length === 0) return;
  const minute = minuteOf(now);
  const counts = countOutcomes(outcomes, filtered);
  if (counts.length) await upsertCounts(tx, counts, minute);
  const errors = countErrors(outcomes);
  if (errors.length) await upsertErrors(tx, errors, minute);
}
