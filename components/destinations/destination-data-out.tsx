"use client";
import { useEffect, useState } from "react";
import { DELIVERY_STATUSES, type DeliveryDto, type DeliveryStatusName } from "@/lib/schemas/deliveries";
import { useDeliverySummary, useDestination } from "@/lib/queries/destinations";
import {
  useDataOut,
  useDeliveryAction,
  useLiveDataOut,
  useRetryAllFailed,
  type DataOutFilter,
} from "@/lib/queries/deliveries";
import { formatEventTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/input";
import { SelectMenu } from "@/components/ui/select-menu";
import { Spinner } from "@/components/ui/spinner";
import { DeliveryAttempts, statusLook } from "@/components/debugger/delivery-attempts";

const RANGES: Record<string, { label: string; minutes: number }> = {
  "1h": { label: "Last hour", minutes: 60 },
  "24h": { label: "Last 24 hours", minutes: 24 * 60 },
  "7d": { label: "Last 7 days", minutes: 7 * 24 * 60 },
};

/** The Data Out tab: what the delivery engine sent to this destination, newest first, live. */
export function DestinationDataOut({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const [status, setStatus] = useState<DeliveryStatusName | "">("");
  const [range, setRange] = useState("");
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | undefined>();
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim() || undefined), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const [from, setFrom] = useState<string | undefined>();
  const filter: DataOutFilter = { status: status || undefined, q, from };
  const { data: destination } = useDestination(workspaceId, destinationId);
  const summary = useDeliverySummary(workspaceId, destinationId);
  const list = useDataOut(workspaceId, destinationId, filter);
  const retryAll = useRetryAllFailed(workspaceId, destinationId);
  useLiveDataOut(workspaceId, destinationId);
  const deliveries = list.data?.pages.flatMap((p) => p.deliveries) ?? [];
  const actionName = (id: string) => destination?.actions.find((a) => a.id === id)?.name ?? "Deleted action";
  const failedCount = summary.data ? (summary.data.counts.failed ?? 0) + (summary.data.counts.dead ?? 0) : 0;
  const isFiltered = Boolean(status || q || from);

  return (
    <Card className="max-w-4xl" data-testid="data-out">
      <CardHeader
        title="Data Out"
        description="Each event an action took, what was sent and what the destination answered. Live; retries happen on their own."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="ghost" size="sm" loading={list.isRefetching} onClick={() => void list.refetch()}>
              Refresh
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={failedCount === 0}
              loading={retryAll.isPending}
              onClick={() => retryAll.mutate()}
            >
              Retry all failed{failedCount ? ` (${failedCount})` : ""}
            </Button>
          </div>
        }
      />
      <CardBody className="space-y-3 border-b">
        <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center" role="search">
          <Select
            aria-label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as DeliveryStatusName | "")}
            className="w-full sm:w-44"
          >
            <option value="">All statuses</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLook[s].label}
                {summary.data ? ` (${summary.data.counts[s] ?? 0})` : ""}
              </option>
            ))}
          </Select>
          <SelectMenu
            aria-label="Time"
            value={range}
            onValueChange={(key) => {
              setRange(key);
              const choice = RANGES[key];
              setFrom(choice && new Date(Date.now() - choice.minutes * 60_000).toISOString());
            }}
            options={[
              { value: "", label: "Any time" },
              ...Object.entries(RANGES).map(([value, { label }]) => ({ value, label })),
            ]}
            className="w-full sm:w-40"
          />
          <Input
            aria-label="Search deliveries"
            placeholder="Event name, userId or messageId"
            value={text}
            onChange={(e) => setText(e.target.value)}
            type="search"
            className="col-span-2 w-full sm:w-0 sm:min-w-56 sm:flex-1"
          />
        </div>
        {summary.data && (
          <p className="text-xs text-slate-500" data-testid="delivery-summary">
            {summary.data.counts.delivered ?? 0} delivered · {summary.data.counts.retrying ?? 0} retrying ·{" "}
            {failedCount} failed · {summary.data.filtered} not taken by a trigger
          </p>
        )}
        {retryAll.data && (
          <p className="text-xs text-slate-600" role="status">
            {retryAll.data.retried} deliveries queued for another attempt.
          </p>
        )}
      </CardBody>
      {list.isPending ? (
        <div className="p-6">
          <Spinner label="Loading deliveries" />
        </div>
      ) : list.error ? (
        <p className="p-6 text-sm text-red-700">Could not load the deliveries: {list.error.message}</p>
      ) : deliveries.length === 0 ? (
        <EmptyState
          title={
            status && !q && !from
              ? `No ${statusLook[status].label.toLowerCase()} deliveries`
              : isFiltered
                ? "No deliveries match these filters"
                : "Nothing delivered yet"
          }
          description={
            isFiltered
              ? "Clear a filter to see more; new matching deliveries appear here as they happen."
              : !destination?.enabled
                ? "This destination is disabled: enable it on the Overview to start delivering."
                : !destination.sourceIds.length
                  ? "No source is connected: connect one on the Overview, and its new events are delivered here."
                  : "Deliveries appear when a connected source sends an event that an action's trigger matches."
          }
        />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="delivery-list">
          {deliveries.map((d) => (
            <DeliveryRow key={d.id} workspaceId={workspaceId} delivery={d} actionName={actionName(d.actionId)} />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="border-t p-4 text-center">
          <Button variant="secondary" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load older
          </Button>
        </div>
      )}
    </Card>
  );
}

function eventLabel(d: DeliveryDto): string {
  const e = d.event;
  if (!e) return `Event #${d.eventId}`;
  return e.name ?? e.type;
}

function DeliveryRow({
  workspaceId,
  delivery: d,
  actionName,
}: {
  workspaceId: string;
  delivery: DeliveryDto;
  actionName: string;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const act = useDeliveryAction(workspaceId);
  const look = statusLook[d.status];
  const canRetry = d.status === "failed" || d.status === "dead" || d.status === "discarded";
  const canDiscard = d.status !== "delivered" && d.status !== "discarded";
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="delivery-row" data-status={d.status} data-event-id={d.eventId}>
      <button
        type="button"
        aria-expanded={isOpen}
        onClick={() => setIsOpen((o) => !o)}
        className="flex w-full flex-wrap items-center justify-between gap-2 text-left"
      >
        <span className="flex min-w-0 items-center gap-2">
          <Badge variant={look.variant}>{look.label}</Badge>
          <span className="truncate font-medium text-slate-900">{eventLabel(d)}</span>
          <span className="hidden truncate text-sm text-slate-500 sm:inline">→ {actionName}</span>
        </span>
        <time className="text-xs whitespace-nowrap text-slate-500" dateTime={d.updatedAt}>
          {formatEventTime(d.updatedAt)}
        </time>
      </button>
      <p className="mt-1 text-xs break-words text-slate-500">
        {d.event?.userId ? `${d.event.userId} · ` : ""}
        {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}
        {d.statusCode !== null && ` · HTTP ${d.statusCode}`}
        {d.latencyMs !== null && ` · ${d.latencyMs} ms`}
        {d.status === "retrying" && d.nextAttemptAt && ` · next attempt ${formatEventTime(d.nextAttemptAt)}`}
      </p>
      {d.lastError && d.status !== "delivered" && (
        <p className="mt-1 line-clamp-2 text-xs break-words text-red-700">{d.lastError}</p>
      )}
      {(canRetry || canDiscard) && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {canRetry && (
            <Button size="sm" loading={act.isPending} onClick={() => act.mutate({ id: d.id, action: "retry" })}>
              Retry
            </Button>
          )}
          {canDiscard && (
            <Button
              size="sm"
              variant="secondary"
              loading={act.isPending}
              onClick={() => act.mutate({ id: d.id, action: "discard" })}
            >
              Discard
            </Button>
          )}
        </div>
      )}
      {isOpen && (
        <div className="mt-3 space-y-2">
          {d.event && (
            <p className="text-xs break-all text-slate-500">
              {actionName} · messageId <code>{d.event.messageId}</code>
            </p>
          )}
          {act.error && <p className="text-xs text-red-700">{act.error.message}</p>}
          <DeliveryAttempts workspaceId={workspaceId} deliveryId={d.id} version={`${d.attempts}-${d.updatedAt}`} />
        </div>
      )}
    </li>
  );
}
