"use client";
import Link from "next/link";
import { useDestinationCatalog, useDestinations } from "@/lib/queries/destinations";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { PageHeader } from "@/components/shell/page-header";
import { DestinationLogo } from "@/components/catalog/destination-logo";
import { DestinationStateBadge } from "./destination-state";

export function DestinationsView({ workspaceId }: { workspaceId: string }) {
  const { data: destinations, isPending, error } = useDestinations(workspaceId);
  const { data: catalog } = useDestinationCatalog();
  const bySlug = new Map((catalog ?? []).map((entry) => [entry.slug, entry]));
  const addDestination = (
    <Link href={`/${workspaceId}/destinations/new`} className={buttonClasses({ className: "shrink-0" })}>
      Add destination
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Destinations"
        description="Where your data goes: webhooks and hundreds of tools. Each one receives the events of the sources you connect to it, through its actions."
        actions={destinations?.length ? addDestination : undefined}
      />
      <Card>
        {isPending ? (
          <div className="p-6">
            <Spinner label="Loading destinations" />
          </div>
        ) : error ? (
          <p className="p-6 text-sm text-red-700">Could not load the destinations: {error.message}</p>
        ) : !destinations.length ? (
          <EmptyState
            title="No destinations yet"
            description="Pick a destination from the catalog — a webhook, an email tool, an analytics or ads platform — and choose which sources feed it. It starts with ready-made actions, so it works without editing."
            action={
              <Link href={`/${workspaceId}/destinations/new`} className={buttonClasses()}>
                Browse the catalog
              </Link>
            }
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH className="hidden md:table-cell">Destination</TH>
                <TH>Status</TH>
                <TH className="hidden text-right sm:table-cell">Sources</TH>
                <TH className="hidden text-right sm:table-cell">Actions</TH>
              </TR>
            </THead>
            <TBody>
              {destinations.map((destination) => {
                const entry = bySlug.get(destination.slug);
                const enabledActions = destination.actions.filter((a) => a.enabled).length;
                return (
                  <TR key={destination.id} data-testid="destination-row">
                    <TD>
                      <Link
                        href={`/${workspaceId}/destinations/${destination.id}`}
                        className="flex items-center gap-3 font-medium text-slate-900 hover:text-indigo-600"
                      >
                        <DestinationLogo name={entry?.name ?? destination.slug} logo={entry?.logo} className="size-7" />
                        <span className="min-w-0">
                          <span className="block break-words">{destination.name}</span>
                          <span className="block text-xs font-normal text-slate-500 md:hidden">
                            {entry?.name ?? destination.slug}
                          </span>
                        </span>
                      </Link>
                    </TD>
                    <TD className="hidden md:table-cell">{entry?.name ?? destination.slug}</TD>
                    <TD>
                      <DestinationStateBadge enabled={destination.enabled} />
                    </TD>
                    <TD className="hidden text-right tabular-nums sm:table-cell" data-testid="destination-sources">
                      {destination.sourceIds.length}
                    </TD>
                    <TD
                      className="hidden text-right whitespace-nowrap tabular-nums sm:table-cell"
                      data-testid="destination-actions"
                      title={`${enabledActions} of ${destination.actions.length} actions on`}
                    >
                      {enabledActions} / {destination.actions.length} on
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
