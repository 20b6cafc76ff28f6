"use client";
import { useCallback, useState } from "react";
import Link from "next/link";
import { usePeople, type PeopleFilter } from "@/lib/queries/people";
import { formatDate, formatNumber } from "@/lib/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryStates } from "@/components/ui/query-states";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { PageHeader } from "@/components/shell/page-header";
import { PeopleFilters } from "./people-filters";
import { PeopleTabs } from "./people-tabs";
import { formatValue, personLabel } from "./format-value";

export function PeopleView({ workspaceId }: { workspaceId: string }) {
  const [filter, setFilter] = useState<PeopleFilter>({});
  const onFilter = useCallback((f: PeopleFilter) => setFilter(f), []);
  const query = usePeople(workspaceId, filter);
  const pages = query.data?.pages;
  const first = pages?.[0];
  const isFiltered = Object.values(filter).some((v) => v !== undefined);
  return (
    <>
      <PageHeader
        title="People"
        description="The profiles the Customer.io Journeys destination and the Track API build: identifiers, attributes, events, devices and relationships."
      />
      <PeopleTabs workspaceId={workspaceId} />
      <Card>
        <PeopleFilters onChange={onFilter} />
        {first && (
          <p className="border-b px-4 py-2 text-sm text-slate-500" data-testid="people-count">
            {first.matching === null
              ? `${formatNumber(first.total)} ${first.total === 1 ? "person" : "people"}`
              : `${first.matching > 10_000 ? "10,000+" : formatNumber(first.matching)} of ${formatNumber(first.total)} match`}
          </p>
        )}
        <QueryStates
          query={{ ...query, data: pages }}
          what="the people"
          loading={<TableSkeleton columns={4} rows={5} />}
          isEmpty={(p) => p.every((page) => page.people.length === 0)}
          empty={
            isFiltered ? (
              <EmptyState
                title="Nobody matches"
                description="Try fewer filters, or search for part of an id, email or attribute value."
              />
            ) : (
              <EmptyState
                title="No people yet"
                description="People appear when a source connected to the Customer.io Journeys destination sends identify calls, or when an app calls the Track API with a tracking API key."
                action={
                  <Link
                    href={`/${workspaceId}/destinations`}
                    className={buttonClasses({ variant: "primary", size: "md" })}
                  >
                    Go to Destinations
                  </Link>
                }
              />
            )
          }
        >
          {(loaded) => (
            <>
              <Table>
                <THead>
                  <TR>
                    <TH>Person</TH>
                    <TH>Email</TH>
                    <TH>Attributes</TH>
                    <TH>Last seen</TH>
                    <TH>Created</TH>
                  </TR>
                </THead>
                <TBody>
                  {loaded
                    .flatMap((page) => page.people)
                    .map((p) => (
                      <TR key={p.id} data-testid="person-row">
                        <TD>
                          <Link
                            href={`/${workspaceId}/people/${p.id}`}
                            className="block max-w-56 truncate font-medium text-slate-900 hover:text-indigo-600"
                          >
                            {personLabel(p)}
                          </Link>
                        </TD>
                        <TD className="max-w-56 truncate text-slate-600">{p.email ?? "—"}</TD>
                        <TD className="max-w-80 truncate text-slate-500">
                          {Object.entries(p.attributes)
                            .filter(([k]) => k !== "email")
                            .slice(0, 3)
                            .map(([k, v]) => `${k}: ${formatValue(v)}`)
                            .join(" · ") || "—"}
                        </TD>
                        <TD className="text-slate-600">{p.lastSeenAt ? formatDate(p.lastSeenAt) : "—"}</TD>
                        <TD className="text-slate-600">{formatDate(p.createdAt)}</TD>
                      </TR>
                    ))}
                </TBody>
              </Table>
              {query.hasNextPage && (
                <div className="border-t p-3 text-center">
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => void query.fetchNextPage()}
                    disabled={query.isFetchingNextPage}
                  >
                    {query.isFetchingNextPage ? "Loading…" : "Load more"}
                  </Button>
                </div>
              )}
            </>
          )}
        </QueryStates>
      </Card>
    </>
  );
}
