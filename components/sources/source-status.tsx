import { Badge, StatusDot, type BadgeVariant } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { formatDate, formatNumber } from "@/lib/format";
import type { Source, SourceHealth, SourceWithHealth } from "@/lib/queries/sources";

/** Disabled, waiting for the first event, or connected: the state a marketer cares about after installing.
 *  "Disabled" is the one word for a source that refuses calls: the button, this badge and ingest's 403 say it. */
export function SourceStateBadge({ source }: { source: Pick<Source, "enabled" | "firstEventAt"> }) {
  if (!source.enabled) return <Badge variant="warning">Disabled</Badge>;
  if (!source.firstEventAt) return <Badge>Waiting for first event</Badge>;
  return (
    <Badge variant="success" title={`First event received ${formatDate(source.firstEventAt)}`}>
      Connected
    </Badge>
  );
}

const health: Record<SourceHealth["status"], { variant: BadgeVariant; label: string }> = {
  receiving: { variant: "success", label: "Receiving" },
  no_data: { variant: "neutral", label: "No data in the last 24 h" },
  errors: { variant: "danger", label: "Errors in the last hour" },
  paused: { variant: "warning", label: "Disabled" },
};

function describeCounts(h: SourceHealth): string {
  return `${formatNumber(h.accepted24h)} accepted in the last 24 h · ${formatNumber(h.rejected1h)} rejected in the last hour`;
}

/** A dot with the health label; the counts behind it show in a tooltip (hover or keyboard focus). */
export function SourceHealthDot({ health: h, showLabel }: { health: SourceHealth; showLabel?: boolean }) {
  const { variant, label } = health[h.status];
  return (
    <Tooltip content={describeCounts(h)}>
      <StatusDot
        tabIndex={0}
        variant={variant}
        label={label}
        showLabel={showLabel}
        title={`${label}: ${describeCounts(h)}`}
        className="rounded-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600"
        data-testid="source-health"
        data-status={h.status}
      />
    </Tooltip>
  );
}

/** One status per source for the list: disabled and waiting come first; once it has data, its recent health. So a
 *  row never reads "Connected" beside "Errors in the last hour". */
export function SourceListStatus({ source }: { source: SourceWithHealth }) {
  if (!source.enabled || !source.firstEventAt) return <SourceStateBadge source={source} />;
  return <SourceHealthDot health={source.health} showLabel />;
}
