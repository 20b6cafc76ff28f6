import "server-only";
import type { ActionConfig, DestinationConfig } from "./config";
import type { PerformContext, WorkItem } from "./deliver";
import { readEventsAfter } from "./events";
import { recordPage, type Outcome } from "./outcomes";
import { parseEvent, performGroups, processEvents } from "./page";
import { dueRetries, nextRetryDue, runningReplay } from "./queue";

// A runner's work besides new events: parked deliveries that came due, and a page of its replay job. Each is
// written under the destination's lease like a page of new events.

/** Performs the destination's due retries (a page of them); returns what it did and when the next is due. */
export async function retryStep(
  cfg: DestinationConfig,
  owner: string,
  pageSize: number,
  ctx: PerformContext,
  now: Date,
): Promise<{ performed: number; outcomes: Outcome[] | null; nextDue: Date | null }> {
  const enabled = cfg.actions.filter((a) => a.enabled);
  const ids = enabled.map((a) => a.id);
  const due = await dueRetries(cfg.workspaceId, cfg.id, ids, now, pageSize);
  if (due.length === 0) return { performed: 0, outcomes: null, nextDue: null };
  const byId = new Map(enabled.map((a) => [a.id, a]));
  const groups = new Map<ActionConfig, WorkItem[]>();
  for (const d of due) {
    const action = byId.get(d.actionId)!;
    const items = groups.get(action) ?? [];
    const parsed = parseEvent(d.event.payload) ?? {};
    items.push({ event: d.event, parsed, attempt: d.attempts + 1, firstAttemptAt: d.firstAttemptAt });
    groups.set(action, items);
  }
  const outcomes = await performGroups(cfg, groups, ctx);
  if (!outcomes) return { performed: 0, outcomes: null, nextDue: null }; // shutdown: performed again later
  await recordPage({ owner, destinationId: cfg.id }, outcomes, []);
  // A full page: more may be due now.
  const nextDue = due.length === pageSize ? now : await nextRetryDue(cfg.workspaceId, cfg.id);
  return { performed: due.length, outcomes, nextDue };
}

/** Routes and performs one page of the destination's running replay job: "none" without a job, null when
 *  shutdown interrupted it, else the page's outcomes. */
export async function replayStep(
  cfg: DestinationConfig,
  owner: string,
  pageSize: number,
  ctx: (replayId: string) => PerformContext,
): Promise<"none" | null | Outcome[]> {
  const job = await runningReplay(cfg.id);
  if (!job) return "none";
  const events = await readEventsAfter(job.position, pageSize, { upTo: job.lastId, sourceIds: cfg.sourceIds });
  // The job's ids bound the range; receipt times decide (ids and receipt times can differ by a little).
  const inRange = events.filter((e) => e.receivedAt >= job.fromTime && e.receivedAt <= job.toTime);
  const done = events.length < pageSize;
  const position = done ? job.lastId : events[events.length - 1]!.id;
  const page = await processEvents(cfg, inRange, ctx(job.id), job.actionId);
  if (!page) return null;
  const replay = { replayId: job.id, position, processed: inRange.length, done };
  await recordPage({ owner, destinationId: cfg.id }, page.outcomes, page.filtered, replay);
  return page.outcomes;
}
