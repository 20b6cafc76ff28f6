"use client";
import Link from "next/link";
import { useSources } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryStates } from "@/components/ui/query-states";
import { TableSkeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { SourceIcon } from "@/components/sources/source-icon";
import { SourceHealthDot } from "@/components/sources/source-status";

/** The workspace's landing page: sources on the left, destinations on the right, health at a glance. */
export function ConnectionsView({ workspaceId }: { workspaceId: string }) {
  const query = useSources(workspaceId);
  const addSource = (
    <Link href={`/${workspaceId}/sources/new`} className={buttonClasses({ size: "sm" })}>
      Add source
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Connections"
        description="Every source sending data into this workspace and every destination it flows to. Hover or focus a dot for its numbers."
      />
      <QueryStates
        query={query}
        what="the sources"
        loading={
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            {[0, 1].map((i) => (
              <Card key={i}>
                <TableSkeleton columns={3} rows={2} />
              </Card>
            ))}
          </div>
        }
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState
            title="No connections yet"
            description="Start with a source: the website, app or server whose calls Sluice should collect. You get a write key and install code; then add a destination and pick which sources feed it."
            action={addSource}
          />
        }
      >
        {(sources) => (
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card data-testid="connections-sources">
              <CardHeader title="Sources" description="Where data comes from." actions={addSource} />
              <CardBody className="p-0">
                <ul className="divide-y divide-slate-100">
                  {sources.map((source) => (
                    <li key={source.id} data-testid="connection-source">
                      <Link
                        href={`/${workspaceId}/sources/${source.id}`}
                        className="flex items-center gap-3 px-5 py-3 hover:bg-slate-50"
                      >
                        <SourceIcon type={source.type} className="size-8 text-[11px]" />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate font-medium text-slate-900">{source.name}</span>
                          <span className="block text-xs text-slate-500">
                            {getSourceDefinition(source.type)?.name ?? source.type}
                          </span>
                        </span>
                        <SourceHealthDot health={source.health} showLabel />
                      </Link>
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
            <Card data-testid="connections-destinations">
              <CardHeader title="Destinations" description="Where data goes." />
              <CardBody className="p-0">
                {/* TODO(#4): list destinations and a line per connection once destinations exist. */}
                <EmptyState
                  title="No destinations yet"
                  description="Add a destination and pick which of your sources feed it: the built-in people store, a webhook, or a SaaS tool."
                  action={
                    <Link
                      href={`/${workspaceId}/destinations`}
                      className={buttonClasses({ variant: "secondary", size: "sm" })}
                    >
                      Add destination
                    </Link>
                  }
                />
              </CardBody>
            </Card>
          </div>
        )}
      </QueryStates>
    </>
  );
}
