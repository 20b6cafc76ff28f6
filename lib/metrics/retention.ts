import "server-only";
import { Sql } from "@/lib/pipeline/sql";
import { minuteOf } from "./range";

// Aggregates are small, but they grow with every minute: minute rows are kept for 2 days (the 1 h chart reads
// only the last hour), hour rows for 8 days (the 7 d chart, plus a day's margin). Events themselves go with the
// workspace's own retention (lib/eventlog/retention.ts); the charts' counts outlive the events they counted.

export const KEEP_MINUTE_ROWS_MIN = 2 * 24 * 60;
export const KEEP_HOUR_ROWS_MIN = 8 * 24 * 60;
const TABLES = ["MetricDelivery", "MetricDeliveryError", "MetricIngest", "MetricEventName"] as const;

/** Deletes the aggregate rows older than they are kept for; returns how many rows went. */
export async function trimMetrics(now: Date = new Date()): Promise<number> {
  const minute = minuteOf(now);
  let deleted = 0;
  for (const table of TABLES) {
    const q = new Sql();
    deleted += await q.execute(
      `DELETE FROM "${table}" WHERE ("span" = 1 AND "minute" < ${q.v(minute - KEEP_MINUTE_ROWS_MIN, "int")})
         OR ("span" = 60 AND "minute" < ${q.v(minute - KEEP_HOUR_ROWS_MIN, "int")})`,
    );
  }
  return deleted;
}
