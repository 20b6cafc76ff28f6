"use client";
import Link from "next/link";
import type { CatalogDestinationSummary } from "@/lib/destinations/types";
import type { Destination } from "@/lib/queries/destinations";
import type { SourceWithHealth } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { EmptyState } from "@/components/ui/empty-state";
import { SourceIcon } from "@/components/sources/source-icon";
import { SourceHealthDot } from "@/components/sources/source-status";
import { DestinationLogo } from "@/components/catalog/destination-logo";
import { DestinationStateBadge } from "@/components/destinations/destination-state";
import { nodeAttr } from "./connector-lines";
import { DestinationVolume, SourceVolume, type MetricsIndex } from "./node-metrics";
import { formatCompact } from "@/components/metrics/format";

type Hover = (id: string | null) => void;

/** On narrow screens the columns stack and lines cannot be drawn: each row names what it connects to. */
function ConnectedTo({ arrow, names }: { arrow: string; names: { name: string; delivered?: number }[] }) {
  return (
    <span className="mt-1.5 flex flex-wrap gap-1 lg:hidden" data-testid="connected-to">
      {names.length === 0 ? (
        <span className="text-xs text-slate-400">Not connected</span>
      ) : (
        names.map(({ name, delivered }, i) => (
          <span key={i} className="max-w-full truncate rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">
            {arrow} {name}
            {delivered !== undefined && ` · ${formatCompact(delivered)} delivered`}
          </span>
        ))
      )}
    </span>
  );
}

const row = "flex items-center gap-3 px-5 pt-3 pb-1 hover:bg-slate-50 focus-visible:bg-slate-50";
// Under the row's link (a link may not contain the details button): the last 24 h in words.
const volume = "px-5 pb-3 pl-16 text-xs";

function connectionDelivered(metrics: MetricsIndex | null, sourceId: string, destinationId: string) {
  return metrics ? (metrics.connections.get(`${sourceId}>${destinationId}`)?.delivered ?? 0) : undefined;
}

export function SourceNodes(props: {
  workspaceId: string;
  sources: SourceWithHealth[];
  destinations: Destination[];
  metrics: MetricsIndex | null;
  onHover: Hover;
}) {
  const { workspaceId, sources, destinations, metrics, onHover } = props;
  if (!sources.length) {
    return (
      <EmptyState
        title="No sources yet"
        description="Add a source for each website, app or server that sends data, then connect it to your destinations."
      />
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {sources.map((source) => (
        <li
          key={source.id}
          data-testid="connection-source"
          {...nodeAttr("s", source.id)}
          onMouseEnter={() => onHover(source.id)}
          onMouseLeave={() => onHover(null)}
        >
          <Link href={`/${workspaceId}/sources/${source.id}`} className={row}>
            <SourceIcon type={source.type} className="size-8 text-[11px]" />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-slate-900">{source.name}</span>
              <span className="block text-xs text-slate-500">
                {getSourceDefinition(source.type)?.name ?? source.type}
              </span>
              <ConnectedTo
                arrow="→"
                names={destinations
                  .filter((d) => d.sourceIds.includes(source.id))
                  .map((d) => ({ name: d.name, delivered: connectionDelivered(metrics, source.id, d.id) }))}
              />
            </span>
            <SourceHealthDot health={source.health} />
          </Link>
          <div className={volume}>
            {metrics ? <SourceVolume name={source.name} counts={metrics.sources.get(source.id)} /> : "\u00a0"}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function DestinationNodes(props: {
  workspaceId: string;
  sources: SourceWithHealth[];
  destinations: Destination[];
  catalog: CatalogDestinationSummary[];
  metrics: MetricsIndex | null;
  onHover: Hover;
}) {
  const { workspaceId, sources, destinations, catalog, metrics, onHover } = props;
  const bySlug = new Map(catalog.map((entry) => [entry.slug, entry]));
  return (
    <ul className="divide-y divide-slate-100">
      {destinations.map((destination) => {
        const entry = bySlug.get(destination.slug);
        const on = destination.actions.filter((a) => a.enabled).length;
        return (
          <li
            key={destination.id}
            data-testid="connection-destination"
            {...nodeAttr("d", destination.id)}
            onMouseEnter={() => onHover(destination.id)}
            onMouseLeave={() => onHover(null)}
          >
            <Link href={`/${workspaceId}/destinations/${destination.id}`} className={row}>
              <DestinationLogo name={entry?.name ?? destination.slug} logo={entry?.logo} className="size-8" />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-slate-900">{destination.name}</span>
                <span className="block truncate text-xs text-slate-500">
                  {entry?.name ?? destination.slug} · {on === 1 ? "1 action on" : `${on} actions on`}
                </span>
                <ConnectedTo
                  arrow="←"
                  names={sources
                    .filter((s) => destination.sourceIds.includes(s.id))
                    .map((s) => ({ name: s.name, delivered: connectionDelivered(metrics, s.id, destination.id) }))}
                />
              </span>
              <DestinationStateBadge enabled={destination.enabled} />
            </Link>
            <div className={volume}>
              {metrics ? (
                <DestinationVolume name={destination.name} counts={metrics.destinations.get(destination.id)} />
              ) : (
                "\u00a0"
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
