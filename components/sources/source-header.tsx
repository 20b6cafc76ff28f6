"use client";
import Link from "next/link";
import { useSource } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { Tabs } from "@/components/ui/tabs";
import { Spinner } from "@/components/ui/spinner";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { SourceIcon } from "./source-icon";
import { SourceStateBadge } from "./source-status";

/** The source page's title and tabs; the tab contents are the nested routes. */
export function SourceHeader({ workspaceId, sourceId }: { workspaceId: string; sourceId: string }) {
  const { data: source, isPending, error } = useSource(workspaceId, sourceId);
  const href = `/${workspaceId}/sources/${sourceId}`;
  if (isPending) return <Spinner label="Loading the source" />;
  if (error) {
    return (
      <EmptyState
        title="This source is gone"
        description={error.message}
        action={
          <Link href={`/${workspaceId}/sources`} className={buttonClasses()}>
            Back to Sources
          </Link>
        }
      />
    );
  }
  return (
    <div className="mb-6 space-y-4">
      <Link href={`/${workspaceId}/sources`} className="text-sm text-slate-500 hover:text-slate-900">
        ← Sources
      </Link>
      <div className="flex items-center gap-3">
        <SourceIcon type={source.type} className="size-11 text-sm" />
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
            <span className="break-words" data-testid="source-name">
              {source.name}
            </span>
            <SourceStateBadge source={source} />
          </h1>
          <p className="text-sm text-slate-500">{getSourceDefinition(source.type)?.name ?? source.type} source</p>
        </div>
      </div>
      <Tabs
        aria-label="Source sections"
        tabs={[
          { id: "overview", label: "Overview", href },
          { id: "data-in", label: "Data In", href: `${href}/data-in` },
          { id: "settings", label: "Settings", href: `${href}/settings` },
        ]}
      />
    </div>
  );
}
