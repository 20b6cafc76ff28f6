"use client";
import Link from "next/link";
import { useSources } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { formatDate, formatDay, formatNumber } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryStates } from "@/components/ui/query-states";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableHeader, TBody, TD, TR, type Column } from "@/components/ui/table";
import { PageHeader } from "@/components/shell/page-header";
import { SourceIcon } from "./source-icon";
import { SourceListStatus } from "./source-status";

const columns = {
  name: { label: "Name", isTitle: true },
  type: { label: "Type" },
  status: { label: "Status" },
  accepted: { label: "Accepted · 24 h", className: "text-right tabular-nums" },
  rejected: { label: "Rejected · 1 h", className: "text-right tabular-nums" },
  created: { label: "Created" },
} satisfies Record<string, Column>;

export function SourcesView({ workspaceId }: { workspaceId: string }) {
  const query = useSources(workspaceId);
  const sources = query.data;
  const addSource = (
    <Link href={`/${workspaceId}/sources/new`} className={buttonClasses()}>
      Add source
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Sources"
        description="Where your data comes from: websites, servers, mobile apps and HTTP calls. Each source has its own write key."
        actions={sources?.length ? addSource : undefined}
      />
      <Card>
        <QueryStates
          query={query}
          what="the sources"
          loading={<TableSkeleton columns={6} rows={3} />}
          isEmpty={(list) => list.length === 0}
          empty={
            <EmptyState
              title="No sources yet"
              description="Add a source for each website, app or server that sends data: you get a write key and the install code for the SDK you already use."
              action={addSource}
            />
          }
        >
          {(sources) => (
            <Table isStacked>
              <TableHeader columns={columns} />
              <TBody>
                {sources.map((source) => (
                  <TR key={source.id} data-testid="source-row">
                    <TD column={columns.name}>
                      <Link
                        href={`/${workspaceId}/sources/${source.id}`}
                        className="flex max-w-64 items-center gap-3 font-medium text-slate-900 hover:text-indigo-600 2xl:max-w-md"
                      >
                        <SourceIcon type={source.type} className="size-7 text-[10px]" />
                        <span className="truncate">{source.name}</span>
                      </Link>
                    </TD>
                    <TD column={columns.type}>{getSourceDefinition(source.type)?.name ?? source.type}</TD>
                    <TD column={columns.status}>
                      <SourceListStatus source={source} />
                    </TD>
                    <TD column={columns.accepted} data-testid="accepted-24h">
                      {formatNumber(source.health.accepted24h)}
                    </TD>
                    <TD
                      column={columns.rejected}
                      className={cn(source.health.rejected1h > 0 && "text-red-700")}
                      data-testid="rejected-1h"
                    >
                      {formatNumber(source.health.rejected1h)}
                    </TD>
                    <TD column={columns.created} title={formatDate(source.createdAt)}>
                      {formatDay(source.createdAt)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </QueryStates>
      </Card>
    </>
  );
}
