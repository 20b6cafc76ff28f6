"use client";
import { useState } from "react";
import { DELIVERY_STATUSES } from "@/lib/schemas/deliveries";
import {
  useDeliveries,
  useDeliverySummary,
  useDestination,
  type Delivery,
  type DeliveryStatus,
} from "@/lib/queries/destinations";
import { formatEventTime } from "@/lib/format";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";

const statusLook: Record<DeliveryStatus, { variant: BadgeVariant; label: string }> = {
  delivered: { variant: "success", label: "Delivered" },
  retrying: { variant: "warning", label: "Retrying" },
  failed: { variant: "danger", label: "Failed" },
  dead: { variant: "danger", label: "Dead" },
  discarded: { variant: "neutral", label: "Discarded" },
};

/** The Data Out tab: what the delivery engine sent to this destination, newest first, by status. */
export function DestinationDataOut({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const [status, setStatus] = useState<DeliveryStatus | "all">("all");
  const { data: destination } = useDestination(workspaceId, destinationId);
  const summary = useDeliverySummary(workspaceId, destinationId);
  const list = useDeliveries(workspaceId, destinationId, status);
  const deliveries = list.data?.pages.flatMap((p) => p.deliveries) ?? [];
  const actionName = (id: string) => destination?.actions.find((a) => a.id === id)?.name ?? "Deleted action";

  return (
    <Card className="max-w-4xl" data-testid="data-out">
      <CardHeader
        title="Data Out"
        description="Each event an action took, and what the destination answered. Retries happen on their own."
        actions={
          <Button variant="secondary" size="sm" loading={list.isRefetching} onClick={() => void list.refetch()}>
            Refresh
          </Button>
        }
      />
      <CardBody className="flex flex-wrap items-center gap-3 border-b">
        <Select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as DeliveryStatus | "all")}
          className="w-48"
        >
          <option value="all">All statuses</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLook[s].label}
              {summary.data ? ` (${summary.data.counts[s] ?? 0})` : ""}
            </option>
          ))}
        </Select>
        {summary.data && (
          <p className="text-xs text-slate-500" data-testid="delivery-summary">
            {summary.data.counts.delivered ?? 0} delivered · {summary.data.counts.retrying ?? 0} retrying ·{" "}
            {(summary.data.counts.failed ?? 0) + (summary.data.counts.dead ?? 0)} failed · {summary.data.filtered} not
            taken by a trigger
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
          title={status === "all" ? "Nothing delivered yet" : `No ${statusLook[status].label.toLowerCase()} deliveries`}
          description={
            !destination?.enabled
              ? "This destination is disabled: enable it on the Overview to start delivering."
              : !destination.sourceIds.length
                ? "No source is connected: connect one on the Overview, and its new events are delivered here."
                : "Deliveries appear when a connected source sends an event that an action's trigger matches."
          }
        />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="delivery-list">
          {deliveries.map((d) => (
            <DeliveryRow key={d.id} delivery={d} actionName={actionName(d.actionId)} />
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

function DeliveryRow({ delivery: d, actionName }: { delivery: Delivery; actionName: string }) {
  const look = statusLook[d.status];
  return (
    <li className="px-5 py-3" data-testid="delivery-row" data-status={d.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-2">
          <Badge variant={look.variant}>{look.label}</Badge>
          <span className="truncate font-medium text-slate-900">{actionName}</span>
        </span>
        <time className="text-xs whitespace-nowrap text-slate-500" dateTime={d.updatedAt}>
          {formatEventTime(d.updatedAt)}
        </time>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Event #{d.eventId} · {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}
        {d.statusCode !== null && ` · HTTP ${d.statusCode}`}
        {d.latencyMs !== null && ` · ${d.latencyMs} ms`}
        {d.nextAttemptAt && ` · next try ${formatEventTime(d.nextAttemptAt)}`}
      </p>
      {d.lastError && <p className="mt-1 line-clamp-2 text-xs break-words text-red-700">{d.lastError}</p>}
    </li>
  );
}
