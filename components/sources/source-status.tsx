import { Badge, StatusDot, type BadgeVariant } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import type { Source, SourceHealth } from "@/lib/queries/sources";

/** Paused, waiting for the first event, or connected: the state a marketer cares about after installing. */
export function SourceStateBadge({ source }: { source: Pick<Source, "enabled" | "firstEventAt"> }) {
  if (!source.enabled) return <Badge variant="warning">Paused</Badge>;
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
  paused: { variant: "warning", label: "Paused" },
};

/** A dot with the health label; the counts behind it are in the title (hover). */
export function SourceHealthDot({ health: h, showLabel }: { health: SourceHealth; showLabel?: boolean }) {
  const { variant, label } = health[h.status];
  const counts = `${h.accepted24h} accepted in the last 24 h · ${h.rejected1h} rejected in the last hour`;
  return (
    <StatusDot
      variant={variant}
      label={label}
      showLabel={showLabel}
      title={`${label}: ${counts}`}
      data-testid="source-health"
      data-status={h.status}
    />
  );
}
