import "server-only";
import { runWithDeliveryOrigin } from "@/lib/destinations/delivery-origin";
import type { HttpExchange } from "@/lib/destinations/types";
import { JOURNEYS_SLUG } from "@/lib/schemas/destinations";
import { nextAttemptAt } from "./backoff";
import type { ActionConfig, DestinationConfig } from "./config";
import type { LoggedEvent } from "./events";
import type { RateLimiter, Semaphore } from "./limits";
import type { Outcome } from "./outcomes";
import type { PerformFn, PerformItem, PerformResult } from "./perform";
import type { SegmentEvent } from "./route";

// One perform of one action for a group of events (one event, or a batch) and what it leaves: an Outcome per
// event — delivered, failed (permanent), retrying (with its next attempt) or dead (retry window used up) —
// each with the attempt's request and response as recorded by the outbound client.

export interface WorkItem {
  event: LoggedEvent;
  parsed: SegmentEvent;
  /** This attempt's number (1 for the first). */
  attempt: number;
  /** When the first attempt was made (retries count their window from it); now for a first attempt. */
  firstAttemptAt?: Date;
}

export interface PerformContext {
  perform: PerformFn;
  semaphore: Semaphore;
  rateLimiter: RateLimiter;
  /** Aborted at shutdown: the perform is abandoned and its events are performed again by whoever goes on. */
  signal: AbortSignal;
  replayId: string | null;
}

const MAX_ERROR_CHARS = 2000;

function clip(text: string | undefined | null, n = MAX_ERROR_CHARS): string | null {
  if (text === undefined || text === null) return null;
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/** The exchange that decided an attempt: a batch is one request for all its items, and a single perform that
 *  made several requests (a lookup, then the send) was decided by its last. */
function decidingExchange(result: PerformResult): HttpExchange | undefined {
  return result.exchanges[result.exchanges.length - 1];
}

/** Performs `items` through `action` (as one batch when `batch`); null when aborted by shutdown. */
export async function performGroup(
  destination: DestinationConfig,
  action: ActionConfig,
  items: WorkItem[],
  batch: boolean,
  ctx: PerformContext,
): Promise<Outcome[] | null> {
  return ctx.semaphore.run(async () => {
    if (ctx.signal.aborted) return null;
    const turn = ctx.rateLimiter.take();
    if (turn) await turn;
    const startedAt = new Date();
    let result: PerformResult;
    if (destination.settingsError) {
      result = failAll(items.length, destination.settingsError, false);
    } else {
      try {
        const perform = () =>
          ctx.perform({
            slug: destination.slug,
            settings: destination.settings,
            actionKey: action.actionKey,
            mapping: action.mapping,
            events: items.map((i) => i.parsed),
            batch,
            timeoutMs: destination.options.timeoutMs,
            signal: ctx.signal,
          });
        // The Journeys destination records which source each event came through (an AsyncLocalStorage run: paid
        // only where it is read).
        result =
          destination.slug === JOURNEYS_SLUG
            ? await runWithDeliveryOrigin(
                {
                  workspaceId: destination.workspaceId,
                  events: items.map((i) => ({ messageId: i.parsed.messageId, sourceId: i.event.sourceId })),
                },
                perform,
              )
            : await perform();
      } catch (err) {
        // performAction classifies what it can; anything it throws is unexpected: retry it.
        result = failAll(items.length, err instanceof Error ? err.message : String(err), true);
      }
    }
    if (ctx.signal.aborted) return null;
    const now = new Date();
    const durationMs = Math.max(0, Math.round(result.durationMs ?? now.getTime() - startedAt.getTime()));
    // One exchange decided every item of a batch: serialize it once, not per item.
    const exchange = decidingExchange(result);
    const recorded = {
      request: exchange ? JSON.stringify(exchange.request) : null,
      response: exchange?.response ? JSON.stringify(exchange.response) : null,
    };
    return items.map((item, index) => {
      const outcome = result.items[index] ?? {
        ok: false,
        retryable: true,
        error: "The perform returned no result for this event",
      };
      return toOutcome(destination, action, item, outcome, exchange, recorded, {
        startedAt,
        now,
        durationMs,
        replayId: ctx.replayId,
      });
    });
  });
}

function failAll(n: number, error: string, retryable: boolean): PerformResult {
  return { items: Array.from({ length: n }, () => ({ ok: false, retryable, error })), exchanges: [], durationMs: 0 };
}

function toOutcome(
  destination: DestinationConfig,
  action: ActionConfig,
  item: WorkItem,
  result: PerformItem,
  exchange: HttpExchange | undefined,
  recorded: { request: string | null; response: string | null },
  t: { startedAt: Date; now: Date; durationMs: number; replayId: string | null },
): Outcome {
  const firstAttemptAt = item.firstAttemptAt ?? t.startedAt;
  const statusCode = result.status ?? exchange?.response?.status ?? null;
  let status: Outcome["status"] = "delivered";
  let next: Date | null = null;
  if (!result.ok) {
    if (!result.retryable) status = "failed";
    else {
      next = nextAttemptAt(destination.options, item.attempt, firstAttemptAt, t.now, result.retryAfterMs);
      status = next ? "retrying" : "dead";
    }
  }
  const reason = result.error ?? exchange?.error ?? `HTTP ${statusCode ?? "error"}`;
  const error = result.ok
    ? null
    : clip(status === "dead" ? `Retries exhausted after ${item.attempt} attempts: ${reason}` : reason);
  return {
    workspaceId: destination.workspaceId,
    destinationId: destination.id,
    actionId: action.id,
    eventId: item.event.id,
    sourceId: item.event.sourceId,
    status,
    attempt: item.attempt,
    firstAttemptAt,
    nextAttemptAt: next,
    error,
    statusCode,
    latencyMs: result.ok ? Math.max(0, t.now.getTime() - item.event.receivedAt.getTime()) : null,
    replayId: t.replayId,
    record: {
      startedAt: t.startedAt,
      durationMs: t.durationMs,
      ok: result.ok,
      statusCode,
      error,
      ...recorded,
    },
  };
}
