"use client";
import { useState } from "react";
import Link from "next/link";
import { useObjects } from "@/lib/queries/people";
import { formatDate, formatNumber } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { QueryStates } from "@/components/ui/query-states";
import { SelectMenu } from "@/components/ui/select-menu";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { PageHeader } from "@/components/shell/page-header";
import { PeopleTabs } from "@/components/people/people-tabs";
import { formatValue } from "@/components/people/format-value";

export function ObjectsView({ workspaceId }: { workspaceId: string }) {
  const [type, setType] = useState<number | undefined>(undefined);
  const [search, setSearch] = useState("");
  const query = useObjects(workspaceId, type, search.trim());
  const types = query.data?.types ?? [];
  const current = type ?? types[0]?.typeId;
  return (
    <>
      <PageHeader
        title="People"
        description="Objects are the companies, accounts and other things people belong to: group calls create them and relate people to them."
      />
      <PeopleTabs workspaceId={workspaceId} />
      <Card>
        {types.length > 0 && (
          <div className="flex flex-wrap items-center gap-2 border-b p-3">
            <SelectMenu
              aria-label="Object type"
              value={String(current ?? "")}
              onValueChange={(v) => setType(Number(v))}
              options={types.map((t) => ({
                value: String(t.typeId),
                label: `${t.name} (${formatNumber(t.objectCount)})`,
              }))}
              className="w-56"
            />
            <Input
              type="search"
              aria-label="Search objects"
              placeholder="Search object ids"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="w-full sm:w-64"
            />
          </div>
        )}
        <QueryStates
          query={query}
          what="the objects"
          loading={<TableSkeleton columns={4} rows={4} />}
          isEmpty={(d) => d.objects.length === 0}
          empty={
            <EmptyState
              title={types.length ? "No object matches" : "No objects yet"}
              description={
                types.length
                  ? "Try another part of the object id."
                  : "A group call (groupId, traits.objectAttributes, traits.relationshipAttributes) through the Customer.io Journeys destination creates an object and relates the person to it."
              }
            />
          }
        >
          {(data) => (
            <Table>
              <THead>
                <TR>
                  <TH>Object id</TH>
                  <TH>Attributes</TH>
                  <TH className="text-right">People</TH>
                  <TH>Updated</TH>
                </TR>
              </THead>
              <TBody>
                {data.objects.map((o) => (
                  <TR key={o.objectId} data-testid="object-row">
                    <TD>
                      <Link
                        href={`/${workspaceId}/objects/${o.typeId}/${encodeURIComponent(o.objectId)}`}
                        className="font-medium text-slate-900 hover:text-indigo-600"
                      >
                        {o.objectId}
                      </Link>
                    </TD>
                    <TD className="max-w-80 truncate text-slate-500">
                      {Object.entries(o.attributes)
                        .slice(0, 3)
                        .map(([k, v]) => `${k}: ${formatValue(v)}`)
                        .join(" · ") || "—"}
                    </TD>
                    <TD className="text-right tabular-nums">{formatNumber(o.peopleCount)}</TD>
                    <TD className="text-slate-600">{formatDate(o.updatedAt)}</TD>
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
