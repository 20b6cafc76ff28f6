"use client";
import { useState } from "react";
import Link from "next/link";
import { useSourceCatalog } from "@/lib/queries/sources";
import { plannedSources, type SourceCatalogEntry } from "@/lib/sources";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Tabs } from "@/components/ui/tabs";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { SourceIcon } from "./source-icon";
import { NameSourceForm } from "./name-source-form";
import { JourneysSourceOption } from "@/components/people/journeys-source-option";

/** Add a source: pick a type from the catalog, then name it; creating it lands on its install page. */
export function AddSourceView({ workspaceId }: { workspaceId: string }) {
  const [picked, setPicked] = useState<SourceCatalogEntry | null>(null);
  // Sent with the create request: the server connects the source to Journeys in the same transaction.
  const [connectJourneys, setConnectJourneys] = useState(true);
  return (
    <>
      <PageHeader
        title={picked ? `Add a ${picked.name} source` : "Add a source"}
        description={
          picked
            ? "Name it, and you get its write key and install instructions."
            : "Choose where the data comes from. Use one source per website, app or server, so you can see where each call came from."
        }
        actions={
          <Link href={`/${workspaceId}/sources`} className="text-sm text-slate-500 hover:text-slate-900">
            Cancel
          </Link>
        }
      />
      {picked ? (
        <>
          <NameSourceForm
            workspaceId={workspaceId}
            entry={picked}
            connectJourneys={connectJourneys}
            onBack={() => setPicked(null)}
          />
          <JourneysSourceOption workspaceId={workspaceId} isChecked={connectJourneys} onChange={setConnectJourneys} />
        </>
      ) : (
        <SourceCatalog onPick={setPicked} />
      )}
    </>
  );
}

function SourceCatalog({ onPick }: { onPick: (entry: SourceCatalogEntry) => void }) {
  const { data, isPending, error } = useSourceCatalog();
  const [category, setCategory] = useState("all");
  const [query, setQuery] = useState("");
  if (isPending) return <Spinner label="Loading the catalog" />;
  if (error) return <p className="text-sm text-red-700">Could not load the catalog: {error.message}</p>;

  const categories = data.categories.filter((c) => data.sources.some((s) => s.category === c.id));
  const q = query.trim().toLowerCase();
  const entries = data.sources.filter(
    (s) =>
      (category === "all" || s.category === category) &&
      (!q || `${s.name} ${s.type} ${s.description} ${s.category}`.toLowerCase().includes(q)),
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <Tabs
          aria-label="Categories"
          value={category}
          onChange={setCategory}
          tabs={[{ id: "all", label: "All" }, ...categories.map((c) => ({ id: c.id, label: c.label }))]}
        />
        <Input
          type="search"
          aria-label="Search sources"
          placeholder="Search sources"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-full sm:w-64"
        />
      </div>
      {entries.length === 0 ? (
        <EmptyState
          title="No source type matches"
          description="Try another word, or pick HTTP API: any language can send calls with plain HTTP."
        />
      ) : (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {entries.map((entry) => (
            <li key={entry.type}>
              <button
                type="button"
                onClick={() => onPick(entry)}
                data-testid="catalog-entry"
                className="flex h-full w-full items-start gap-3 rounded-lg border bg-white p-4 text-left shadow-xs transition hover:border-indigo-300 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <SourceIcon type={entry.type} />
                <span className="min-w-0">
                  <span className="flex items-center gap-2 font-medium text-slate-900">
                    {entry.name}
                    {entry.isRecommended && <Badge variant="info">Recommended</Badge>}
                  </span>
                  <span className="mt-1 block text-sm text-slate-500">{entry.description}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <PlannedSources category={category} query={q} />
    </div>
  );
}

/** Types people look for that this version cannot create yet: listed, clearly not clickable. */
function PlannedSources({ category, query }: { category: string; query: string }) {
  const planned = plannedSources.filter(
    (s) =>
      (category === "all" || s.category === category) &&
      (!query || `${s.name} ${s.description}`.toLowerCase().includes(query)),
  );
  if (!planned.length) return null;
  return (
    <section aria-label="Not available yet">
      <h2 className="mb-2 text-sm font-medium text-slate-500">Not available in this version yet</h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {planned.map((s) => (
          <li key={s.type} data-testid="planned-entry" className="rounded-lg border border-dashed bg-slate-50 p-4">
            <span className="flex items-center gap-2 font-medium text-slate-600">
              {s.name} <Badge>Planned</Badge>
            </span>
            <span className="mt-1 block text-sm text-slate-500">{s.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
