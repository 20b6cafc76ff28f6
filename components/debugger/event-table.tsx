"use client";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { formatEventTime } from "@/lib/format";
import type { EventDto } from "@/lib/queries/events";

export function eventTitle(e: EventDto): string {
  if (e.name) return e.name;
  if (e.type === "identify") return "Identify";
  if (e.type === "group") return "Group";
  if (e.type === "alias") return "Alias";
  return "—";
}

export function EventTable({
  events,
  sourceNames,
  selectedId,
  onSelect,
}: {
  events: EventDto[];
  /** Omitted: no Source column (the list is one source's Data In). */
  sourceNames?: Map<string, string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Time</TH>
          <TH>Type</TH>
          <TH>Event / page</TH>
          <TH>Identity</TH>
          {sourceNames && <TH>Source</TH>}
          <TH>Status</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR
            key={e.id}
            data-testid="event-row"
            data-event-id={e.id}
            aria-selected={e.id === selectedId}
            tabIndex={0}
            onClick={() => onSelect(e.id)}
            onKeyDown={(k) => (k.key === "Enter" || k.key === " ") && onSelect(e.id)}
            className={cn("cursor-pointer hover:bg-slate-50", e.id === selectedId && "bg-indigo-50 hover:bg-indigo-50")}
          >
            <TD className="font-mono text-xs whitespace-nowrap text-slate-500">
              <time dateTime={e.receivedAt} title={e.receivedAt}>
                {formatEventTime(e.receivedAt)}
              </time>
            </TD>
            <TD>
              <Badge variant="info">{e.type}</Badge>
            </TD>
            <TD className="max-w-72 truncate font-medium text-slate-900" title={eventTitle(e)}>
              {eventTitle(e)}
            </TD>
            <TD className="max-w-48 truncate font-mono text-xs text-slate-600">
              {e.userId ?? (e.anonymousId ? `anon ${e.anonymousId}` : "—")}
            </TD>
            {sourceNames && <TD className="text-slate-600">{sourceNames.get(e.sourceId) ?? e.sourceId}</TD>}
            <TD>
              {e.status === "accepted" ? (
                <Badge variant="success">Accepted</Badge>
              ) : (
                <Badge variant="danger">Rejected</Badge>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
