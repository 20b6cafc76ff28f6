"use client";
import Link from "next/link";
import { useSources } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { formatDate } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { PageHeader } from "@/components/shell/page-header";
import { SourceIcon } from "./source-icon";
import { SourceHealthDot, SourceStateBadge } from "./source-status";

export function SourcesView({ workspaceId }: { workspaceId: string }) {
  const { data: sources, isPending, error } = useSources(workspaceId);
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
        {isPending ? (
          <div className="p-6">
            <Spinner label="Loading sources" />
          </div>
        ) : error ? (
          <p className="p-6 text-sm text-red-700">Could not load the sources: {error.message}</p>
        ) : !sources.length ? (
          <EmptyState
            title="No sources yet"
            description="Add a source for each website, app or server that sends data: you get a write key and the install code for the SDK you already use."
            action={addSource}
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Type</TH>
                <TH>Status</TH>
                <TH>Last 24 h</TH>
                <TH>Created</TH>
              </TR>
            </THead>
            <TBody>
              {sources.map((source) => (
                <TR key={source.id} data-testid="source-row">
                  <TD>
                    <Link
                      href={`/${workspaceId}/sources/${source.id}`}
                      className="flex items-center gap-3 font-medium text-slate-900 hover:text-indigo-600"
                    >
                      <SourceIcon type={source.type} className="size-7 text-[10px]" />
                      {source.name}
                    </Link>
                  </TD>
                  <TD>{getSourceDefinition(source.type)?.name ?? source.type}</TD>
                  <TD>
                    <SourceStateBadge source={source} />
                  </TD>
                  <TD>
                    <SourceHealthDot health={source.health} showLabel />
                  </TD>
                  <TD className="whitespace-nowrap">{formatDate(source.createdAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
