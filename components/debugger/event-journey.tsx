"use client";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { JourneyLine, OutcomeUpdate } from "@/lib/eventlog/journey";
import { formatEventTime } from "@/lib/format";
import { useDeliveryAction } from "@/lib/queries/deliveries";
import { DeliveryAttempts, statusLook } from "./delivery-attempts";

// "Where did this call go?": one line per destination action that could have received it, live.

const REASONS: Record<string, string> = {
  trigger: "Trigger did not match",
  integrations: "Excluded by the call's integrations",
  disabled: "Action is off",
  destination_disabled: "Destination is off",
  invalid_trigger: "Trigger does not parse",
  before_destination: "Destination connected after this call",
  changed_since: "Not taken when it was processed (the action has changed since); replay to send it",
  rejected: "Rejected at ingest",
};

/** One line's outcome in words, under its name. */
export function describeLine(l: JourneyLine): string {
  switch (l.status) {
    case "filtered":
      return l.message ?? REASONS[l.reason ?? ""] ?? "Not taken";
    case "pending":
      return "Waiting for the delivery worker";
    case "delivered":
      return [
        l.statusCode !== null && `HTTP ${l.statusCode}`,
        l.latencyMs !== null && `${l.latencyMs} ms after it arrived`,
      ]
        .filter(Boolean)
        .join(" · ");
    case "retrying":
      return [
        l.attempts > 0 ? `Attempt ${l.attempts} failed` : "Retry requested",
        l.nextAttemptAt && `next attempt ${formatEventTime(l.nextAttemptAt)}`,
        l.lastError,
      ]
        .filter(Boolean)
        .join(" · ");
    default:
      return [l.attempts === 1 ? "1 attempt" : `${l.attempts} attempts`, l.lastError].filter(Boolean).join(" · ");
  }
}

/** The expanded line's note on a filtered call (a message that already says "Not sent" stands alone). */
function nothingSent(l: JourneyLine): string {
  const why = l.message ?? REASONS[l.reason ?? ""] ?? "the action did not take the call";
  return /^not sent\b/i.test(why) ? why : `Nothing was sent: ${why}.`;
}

const CAN_RETRY = new Set(["failed", "dead", "discarded"]);

function LineRow({
  workspaceId,
  line,
  onOutcomes,
}: {
  workspaceId: string;
  line: JourneyLine;
  onOutcomes: (updates: OutcomeUpdate[]) => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const act = useDeliveryAction(workspaceId);
  const look = statusLook[line.status];
  const panelId = `journey-${line.actionId}`;
  return (
    <li data-testid="journey-line" data-status={line.status} data-action-id={line.actionId} className="py-2">
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((o) => !o)}
        className="flex w-full items-start gap-2 rounded-md px-1 py-1 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Badge variant={look.variant} className="mt-0.5 shrink-0">
          {look.label}
        </Badge>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">
            {line.destinationName} · {line.actionName}
          </span>
          <span className="block text-xs break-words text-slate-500" data-testid="journey-line-detail">
            {describeLine(line)}
          </span>
        </span>
        <span aria-hidden="true" className="text-slate-400">
          {isOpen ? "▾" : "▸"}
        </span>
      </button>
      {isOpen && (
        <div id={panelId} className="mt-2 space-y-2 pl-1">
          <div className="flex flex-wrap gap-2">
            <Link
              href={`/${workspaceId}/destinations/${line.destinationId}/actions/${line.actionId}`}
              className={buttonClasses({ variant: "secondary", size: "sm" })}
            >
              Open the action
            </Link>
            <Link
              href={`/${workspaceId}/destinations/${line.destinationId}/data-out`}
              className={buttonClasses({ variant: "ghost", size: "sm" })}
            >
              Data Out
            </Link>
            {line.deliveryId && CAN_RETRY.has(line.status) && (
              <Button
                size="sm"
                loading={act.isPending}
                onClick={() =>
                  act.mutate({ id: line.deliveryId!, action: "retry" }, { onSuccess: (row) => onOutcomes([row]) })
                }
              >
                Retry
              </Button>
            )}
          </div>
          {act.error && <p className="text-xs text-red-700">{act.error.message}</p>}
          {line.deliveryId ? (
            <DeliveryAttempts
              workspaceId={workspaceId}
              deliveryId={line.deliveryId}
              version={`${line.attempts}-${line.updatedAt}`}
            />
          ) : line.status === "pending" ? (
            <p className="text-xs text-slate-500">The worker has not reached this call yet; this line updates live.</p>
          ) : (
            <p className="text-xs text-slate-500">{nothingSent(line)}</p>
          )}
        </div>
      )}
    </li>
  );
}

export function EventJourney({
  workspaceId,
  lines,
  onOutcomes,
}: {
  workspaceId: string;
  /** undefined while loading. */
  lines: JourneyLine[] | undefined;
  onOutcomes: (updates: OutcomeUpdate[]) => void;
}) {
  return (
    <section aria-label="Journey" data-testid="journey" className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-900">Journey</h3>
      {lines === undefined ? (
        <Spinner label="Loading where this call went" />
      ) : lines.length === 0 ? (
        <p className="text-sm text-slate-500">
          No destination is connected to this source, so the call went nowhere.{" "}
          <Link href={`/${workspaceId}/destinations`} className="text-indigo-700 underline">
            Add a destination
          </Link>
          .
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {lines.map((l) => (
            <LineRow key={l.actionId} workspaceId={workspaceId} line={l} onOutcomes={onOutcomes} />
          ))}
        </ul>
      )}
    </section>
  );
}
