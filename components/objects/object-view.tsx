"use client";
import Link from "next/link";
import { useObject } from "@/lib/queries/people";
import { formatNumber } from "@/lib/format";
import { Card, CardHeader } from "@/components/ui/card";
import { QueryStates } from "@/components/ui/query-states";
import { PageHeaderSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { PageHeader } from "@/components/shell/page-header";
import { formatValue, personLabel } from "@/components/people/format-value";

export function ObjectView({
  workspaceId,
  typeId,
  objectId,
}: {
  workspaceId: string;
  typeId: number;
  objectId: string;
}) {
  const query = useObject(workspaceId, typeId, objectId);
  return (
    <QueryStates query={query} what="this object" loading={<PageHeaderSkeleton label="Loading the object" />}>
      {(o) => (
        <>
          <div className="mb-2">
            <Link href={`/${workspaceId}/objects`} className="text-sm text-slate-500 hover:text-slate-900">
              ← All objects
            </Link>
          </div>
          <PageHeader
            title={formatValue(o.attributes.name ?? o.objectId)}
            description={`${o.typeName} · object id ${o.objectId}`}
          />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Card className="min-w-0">
              <CardHeader title="Attributes" />
              {Object.keys(o.attributes).length === 0 ? (
                <p className="p-4 text-sm text-slate-500">No attributes: group traits (objectAttributes) add them.</p>
              ) : (
                <dl className="divide-y divide-slate-100">
                  {Object.entries(o.attributes).map(([k, v]) => (
                    <div key={k} className="flex gap-3 px-4 py-2 text-sm">
                      <dt className="w-32 shrink-0 font-mono text-slate-600">{k}</dt>
                      <dd className="min-w-0 break-all text-slate-900">{formatValue(v)}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </Card>
            <Card className="min-w-0">
              <CardHeader
                title={`People (${formatNumber(o.peopleCount)})`}
                description="Related people, with the relationship's own attributes."
              />
              <Table>
                <THead>
                  <TR>
                    <TH>Person</TH>
                    <TH>Relationship</TH>
                  </TR>
                </THead>
                <TBody>
                  {o.people.map((p) => (
                    <TR key={p.id}>
                      <TD>
                        <Link
                          href={`/${workspaceId}/people/${p.id}`}
                          className="font-medium text-slate-900 hover:text-indigo-600"
                        >
                          {personLabel(p)}
                        </Link>
                      </TD>
                      <TD className="text-slate-500">
                        {Object.entries(p.attributes)
                          .map(([k, v]) => `${k}: ${formatValue(v)}`)
                          .join(" · ") || "—"}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </Card>
          </div>
        </>
      )}
    </QueryStates>
  );
}
