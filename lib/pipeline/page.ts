import "server-only";
import type { ActionConfig, DestinationConfig } from "./config";
import { performGroup, type PerformContext, type WorkItem } from "./deliver";
import type { LoggedEvent } from "./events";
import type { FilteredCount, Outcome } from "./outcomes";
import { routeEvent, type SegmentEvent } from "./route";

// A page of events through one destination: route each event (integrations → enabled → trigger), count what
// each action does not take, and perform what it takes — one perform per event, or batches of the action's
// batch size — all at once under the destination's concurrency and rate limits.

export interface PageResult {
  outcomes: Outcome[];
  filtered: FilteredCount[];
}

export function parseEvent(payload: string): SegmentEvent | null {
  try {
    const value = JSON.parse(payload);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Performs `groups` (per action) and collects their outcomes; null when shutdown aborted any of them. */
export async function performGroups(
  destination: DestinationConfig,
  groups: Map<ActionConfig, WorkItem[]>,
  ctx: PerformContext,
): Promise<Outcome[] | null> {
  const jobs: { action: ActionConfig; items: WorkItem[]; batch: boolean }[] = [];
  for (const [action, items] of groups) {
    if (action.batching)
      for (const batch of chunks(items, action.batchSize)) jobs.push({ action, items: batch, batch: true });
    else for (const item of items) jobs.push({ action, items: [item], batch: false });
  }
  // As many lanes as the destination may have performs in flight, each taking the next job: the rest of a page
  // waits as entries of this list, not as a pending perform (promises, closures) each.
  const results: (Outcome[] | null)[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      const { action, items, batch } = jobs[i]!;
      results[i] = await performGroup(destination, action, items, batch, ctx);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, ctx.semaphore.limit) }, lane));
  if (results.some((r) => r === null)) return null;
  return (results as Outcome[][]).flat();
}

/** Routes and performs a page of new (or replayed) events; `onlyActionId` limits it to one action. */
export async function processEvents(
  destination: DestinationConfig,
  events: LoggedEvent[],
  ctx: PerformContext,
  onlyActionId?: string | null,
): Promise<PageResult | null> {
  const actions = onlyActionId ? destination.actions.filter((a) => a.id === onlyActionId) : destination.actions;
  const groups = new Map<ActionConfig, WorkItem[]>();
  const filtered = new Map<string, number>();
  for (const event of events) {
    const parsed = parseEvent(event.payload);
    if (!parsed) continue; // accepted events are stored as JSON objects; nothing to deliver otherwise
    const decisions = routeEvent(parsed, destination, actions);
    decisions.forEach((decision, i) => {
      const action = actions[i]!;
      if (!decision.take) filtered.set(action.id, (filtered.get(action.id) ?? 0) + 1);
      else {
        const list = groups.get(action) ?? [];
        list.push({ event, parsed, attempt: 1 });
        groups.set(action, list);
      }
    });
  }
  const outcomes = await performGroups(destination, groups, ctx);
  if (!outcomes) return null;
  return {
    outcomes,
    filtered: [...filtered].map(([actionId, count]) => ({
      workspaceId: destination.workspaceId,
      destinationId: destination.id,
      actionId,
      count,
    })),
  };
}
