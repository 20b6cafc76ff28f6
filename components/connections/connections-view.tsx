"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { useSources } from "@/lib/queries/sources";
import { useDestinationCatalog, useDestinations } from "@/lib/queries/destinations";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { ConnectionsSkeleton } from "./connections-skeleton";
import { ConnectorLines, type Link as Connection } from "./connector-lines";
import { DestinationNodes, SourceNodes } from "./pipeline-nodes";
import { ConnectionCount, indexMetrics } from "./node-metrics";
import { useMetrics } from "@/lib/queries/metrics";

/** The workspace's landing page: the pipeline at a glance, sources on the left, destinations on the right. */
export function ConnectionsView({ workspaceId }: { workspaceId: string }) {
  const sources = useSources(workspaceId);
  const destinations = useDestinations(workspaceId);
  const { data: catalog } = useDestinationCatalog();
  const [highlight, setHighlight] = useState<string | null>(null);
  const metrics = useMetrics(workspaceId, "workspace", undefined, "24h");
  const index = useMemo(() => (metrics.data ? indexMetrics(metrics.data) : null), [metrics.data]);
  const nameOf = useMemo(() => {
    const names = new Map<string, string>();
    for (const s of sources.data ?? []) names.set(s.id, s.name);
    for (const d of destinations.data ?? []) names.set(d.id, d.name);
    return (id: string) => names.get(id) ?? "";
  }, [sources.data, destinations.data]);
  const links = useMemo<Connection[]>(() => {
    const known = new Set((sources.data ?? []).map((s) => s.id));
    return (destinations.data ?? []).flatMap((d) =>
      d.sourceIds
        .filter((id) => known.has(id))
        .map((sourceId) => ({ sourceId, destinationId: d.id, isEnabled: d.enabled })),
    );
  }, [sources.data, destinations.data]);

  const addSource = (
    <Link href={`/${workspaceId}/sources/new`} className={buttonClasses({ variant: "secondary", size: "sm" })}>
      Add source
    </Link>
  );
  const addDestination = (
    <Link href={`/${workspaceId}/destinations/new`} className={buttonClasses({ size: "sm" })}>
      Add destination
    </Link>
  );
  const error = sources.error ?? destinations.error;
  return (
    <>
      <PageHeader
        title="Connections"
        description="Your pipeline at a glance: each source on the left, each destination on the right, a line for every connection, with the last 24 hours' volume. Hover or focus a number for its details."
      />
      {sources.isPending || destinations.isPending ? (
        <ConnectionsSkeleton />
      ) : error ? (
        <p data-testid="query-error" className="text-sm text-red-700">
          Could not load the connections: {error.message}. Reload the page to try again.
        </p>
      ) : !sources.data?.length && !destinations.data?.length ? (
        <EmptyState
          title="No connections yet"
          description="Start with a source: the website, app or server whose calls Sluice should collect. You get a write key and install code; then add a destination and pick which sources feed it."
          action={
            <Link href={`/${workspaceId}/sources/new`} className={buttonClasses()}>
              Add source
            </Link>
          }
        />
      ) : (
        <div
          className="relative grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_7rem_minmax(0,1fr)] lg:gap-0"
          data-testid="pipeline"
        >
          <Card data-testid="connections-sources" className="self-start">
            <CardHeader title="Sources" description="Where data comes from." actions={addSource} />
            <div>
              <SourceNodes
                workspaceId={workspaceId}
                sources={sources.data ?? []}
                destinations={destinations.data ?? []}
                metrics={index}
                onHover={setHighlight}
              />
            </div>
          </Card>
          <div aria-hidden="true" className="hidden lg:block" />
          <Card data-testid="connections-destinations" className="self-start">
            <CardHeader title="Destinations" description="Where data goes." actions={addDestination} />
            <div>
              {destinations.data?.length ? (
                <DestinationNodes
                  workspaceId={workspaceId}
                  sources={sources.data ?? []}
                  destinations={destinations.data}
                  catalog={catalog ?? []}
                  metrics={index}
                  onHover={setHighlight}
                />
              ) : (
                <EmptyState
                  title="No destinations yet"
                  description="Add a destination from the catalog — a webhook or one of hundreds of tools — and pick which of your sources feed it."
                  action={addDestination}
                />
              )}
            </div>
          </Card>
          <ConnectorLines
            links={links}
            highlight={highlight}
            label={
              index
                ? (link) => (
                    <ConnectionCount
                      sourceName={nameOf(link.sourceId)}
                      destinationName={nameOf(link.destinationId)}
                      counts={index.connections.get(`${link.sourceId}>${link.destinationId}`)}
                    />
                  )
                : undefined
            }
          />
        </div>
      )}
    </>
  );
}
