"use client";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { formatEventTime } from "@/lib/format";
import type { EventDto } from "@/lib/queries/events";
import { pageLabel } from "./pretty-call";
import { summarizeJourney, type JourneyLine } from "@/lib/eventlog/journey";

export function eventTitle(e: EventDto): string {
  if (e.name) return e.name;
  if (e.type === "page" || e.type === "screen") return pageLabel(e.payload) ?? (e.type === "page" ? "Page" : "Screen");
  if (e.type === "identify") return "Identify";
  if (e.type === "group") return "Group";
  if (e.type === "alias") return "Alias";
  return "—";
}

export function EventTable({
  events,
  journeys,
  sourceNames,
  selectedId,
  onSelect,
}: {
  events: EventDto[];
  /** Each accepted call's journey, when loaded: the row's delivery summary. */
  journeys?: Record<string, JourneyLine[]>;
  /** Omitted: no Source column (the list is one source's Data In). */
  sourceNames?: Map<string, string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    // table-fixed with set widths for the short columns: the status column stays in the box at 1280 px (the
    // name and identity truncate instead of pushing it out of view).
    <Table className="table-fixed">
      <THead>
        <TR>
          <TH className="w-28 pr-2">Time</TH>
          <TH className="hidden w-24 pl-2 sm:table-cell">Type</TH>
          <TH>Event / page</TH>
          <TH className="hidden w-28 sm:table-cell">Identity</TH>
          {sourceNames && <TH className="hidden 2xl:table-cell">Source</TH>}
          <TH className="w-32 sm:w-36">Status</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((e) => {
          const lines = journeys?.[e.id];
          const summary = lines && lines.length ? summarizeJourney(lines) : null;
          return (
            <TR
              key={e.id}
              data-testid="event-row"
              data-event-id={e.id}
              aria-selected={e.id === selectedId}
              tabIndex={0}
              onClick={() => onSelect(e.id)}
              onKeyDown={(k) => (k.key === "Enter" || k.key === " ") && onSelect(e.id)}
              className={cn(
                "cursor-pointer hover:bg-slate-50",
                e.id === selectedId && "bg-indigo-50 hover:bg-indigo-50",
              )}
            >
              <TD className="pr-2 font-mono text-xs text-slate-500">
                <time dateTime={e.receivedAt} title={e.receivedAt}>
                  {formatEventTime(e.receivedAt)}
                </time>
              </TD>
              <TD className="hidden pl-2 sm:table-cell">
                <Badge variant="info">{e.type}</Badge>
              </TD>
              {/* Two lines on a phone, where the column is narrow; one, truncated, from 640 px. */}
              <TD className="font-medium text-slate-900 sm:truncate" title={eventTitle(e)}>
                <span className="line-clamp-2 break-words whitespace-normal sm:inline sm:whitespace-nowrap">
                  {eventTitle(e)}
                </span>
              </TD>
              <TD className="hidden truncate font-mono text-xs text-slate-600 sm:table-cell">
                {e.userId ?? (e.anonymousId ? `anon ${e.anonymousId}` : "—")}
              </TD>
              {sourceNames && (
                <TD className="hidden truncate text-slate-600 2xl:table-cell">
                  {sourceNames.get(e.sourceId) ?? e.sourceId}
                </TD>
              )}
              <TD>
                {e.status === "accepted" ? (
                  <Badge variant="success">Accepted</Badge>
                ) : (
                  <Badge variant="danger">Rejected</Badge>
                )}
                {summary && (
                  <span
                    data-testid="journey-summary"
                    className={cn(
                      "mt-1 block text-xs whitespace-normal",
                      summary.hasFailure ? "text-red-700" : "text-slate-500",
                    )}
                  >
                    {summary.hasFailure && (
                      <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-red-600" />
                    )}
                    {summary.hasFailure && <span className="sr-only">Delivery failed:</span>}
                    {summary.text}
                  </span>
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
