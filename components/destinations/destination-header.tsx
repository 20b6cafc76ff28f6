"use client";
import Link from "next/link";
import { useCatalogDestination, useDestination } from "@/lib/queries/destinations";
import { Tabs } from "@/components/ui/tabs";
import { Spinner } from "@/components/ui/spinner";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { DestinationLogo } from "@/components/catalog/destination-logo";
import { DestinationStateBadge } from "./destination-state";

/** The destination page's title and tabs; the tab contents are the nested routes. */
export function DestinationHeader({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const { data: destination, isPending, error } = useDestination(workspaceId, destinationId);
  const { data: definition } = useCatalogDestination(destination?.slug);
  const href = `/${workspaceId}/destinations/${destinationId}`;
  if (isPending) return <Spinner label="Loading the destination" />;
  if (error) {
    return (
      <EmptyState
        title="This destination is gone"
        description={error.message}
        action={
          <Link href={`/${workspaceId}/destinations`} className={buttonClasses()}>
            Back to Destinations
          </Link>
        }
      />
    );
  }
  return (
    <div className="mb-6 space-y-4">
      <Link href={`/${workspaceId}/destinations`} className="text-sm text-slate-500 hover:text-slate-900">
        ← Destinations
      </Link>
      <div className="flex items-center gap-3">
        <DestinationLogo name={definition?.name ?? destination.slug} logo={definition?.logo} className="size-11" />
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
            <span className="break-words" data-testid="destination-name">
              {destination.name}
            </span>
            <DestinationStateBadge enabled={destination.enabled} />
          </h1>
          <p className="text-sm text-slate-500">{definition?.name ?? destination.slug} destination</p>
        </div>
      </div>
      <Tabs
        aria-label="Destination sections"
        tabs={[
          { id: "overview", label: "Overview", href },
          { id: "actions", label: "Actions", href: `${href}/actions` },
          { id: "data-out", label: "Data Out", href: `${href}/data-out` },
          { id: "settings", label: "Settings", href: `${href}/settings` },
        ]}
      />
    </div>
  );
}
