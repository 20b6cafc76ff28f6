"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Tabs } from "@/components/ui/tabs";
import type { EventDto } from "@/lib/queries/events";
import type { JourneyLine, OutcomeUpdate } from "@/lib/eventlog/journey";
import { EventJourney } from "./event-journey";
import { enrichmentOf, formatPrettyCall, snippetVariable } from "./pretty-call";
import { eventTitle } from "./event-table";
import { rejectionAdvice } from "./rejection-advice";

function rawText(payload: unknown): string {
  return typeof payload === "string" ? payload : JSON.stringify(payload, null, 2);
}

/** The filter that shows every call of the person a call is about: their userId (and, with identity "any",
 *  their anonymous calls before they were identified), else their anonymousId. */
export type IdentityFilter = { userId: string; anonymousId?: string; identity: "any" } | { anonymousId: string };

export function EventDetail({
  workspaceId,
  event,
  sourceName,
  sourceType,
  journey,
  onOutcomes,
  onShowIdentity,
}: {
  workspaceId: string;
  event: EventDto;
  sourceName: string;
  /** Pretty prints with the variable of this source type's snippet. */
  sourceType?: string;
  /** The call's journey; undefined while loading, null for a rejected call (never delivered). */
  journey?: JourneyLine[] | null;
  onOutcomes?: (updates: OutcomeUpdate[]) => void;
  /** Offered when the call names someone: filter the list to that person's calls. */
  onShowIdentity?: (identity: IdentityFilter) => void;
}) {
  const identity: IdentityFilter | null = event.userId
    ? { userId: event.userId, identity: "any", ...(event.anonymousId ? { anonymousId: event.anonymousId } : {}) }
    : event.anonymousId
      ? { anonymousId: event.anonymousId }
      : null;
  const pretty = formatPrettyCall(event.payload, snippetVariable(sourceType));
  const [tab, setTab] = useState<"pretty" | "raw">("pretty");
  const view = pretty ? tab : "raw";
  return (
    <section aria-label="Event detail" data-testid="event-detail" className="space-y-4 p-4">
      <header className="space-y-1">
        <div className="flex items-center gap-2">
          <Badge variant="info">{event.type}</Badge>
          <h2 className="font-semibold text-slate-900">{eventTitle(event)}</h2>
          {event.status === "rejected" && <Badge variant="danger">Rejected</Badge>}
        </div>
        <p className="text-xs text-slate-500">
          {sourceName} · {new Date(event.receivedAt).toLocaleString()} · id {event.id}
        </p>
        {identity && onShowIdentity && (
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span>
              {"userId" in identity ? "User" : "Anonymous ID"}{" "}
              <code className="rounded bg-slate-100 px-1 py-0.5">
                {"userId" in identity ? identity.userId : identity.anonymousId}
              </code>
            </span>
            <Button variant="ghost" size="sm" onClick={() => onShowIdentity(identity)}>
              Show all their calls
            </Button>
          </p>
        )}
      </header>
      {event.status === "rejected" && (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">Sluice rejected this call: {event.reason ?? "no reason was recorded"}</p>
          {rejectionAdvice(event.reason, event.reasonCode) && (
            <p className="mt-1 font-medium" data-testid="rejection-advice">
              How to fix it: {rejectionAdvice(event.reason, event.reasonCode)}
            </p>
          )}
          <p className="mt-1 text-red-700">
            Fix the call in the sending code and send it again; rejected calls are stored only so you can see them here,
            they are never delivered.
          </p>
        </div>
      )}
      <Tabs
        aria-label="Payload view"
        value={view}
        onChange={(id) => setTab(id as "pretty" | "raw")}
        tabs={
          pretty
            ? [
                { id: "pretty", label: "Pretty" },
                { id: "raw", label: "Raw JSON" },
              ]
            : [{ id: "raw", label: "Raw" }]
        }
      />
      <CodeBlock
        data-testid={view === "pretty" ? "event-pretty" : "event-raw"}
        code={view === "pretty" && pretty ? pretty : rawText(event.payload)}
        language={view === "pretty" ? "javascript" : "json"}
      />
      {journey !== null && (
        <EventJourney workspaceId={workspaceId} lines={journey} onOutcomes={onOutcomes ?? (() => undefined)} />
      )}
      {enrichmentOf(event.payload).length > 0 && (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-xs">
          {enrichmentOf(event.payload).map((item) => (
            <div key={item.label} className="contents">
              <dt className="text-slate-500">{item.label}</dt>
              <dd className="font-mono break-all text-slate-800">{item.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
