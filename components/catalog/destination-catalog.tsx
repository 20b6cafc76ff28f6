"use client";
import { useMemo, useState } from "react";
import type { CatalogDestinationSummary } from "@/lib/destinations/types";
import { useDestinationCatalog } from "@/lib/queries/destinations";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { DestinationLogo } from "./destination-logo";
import { filterCatalog, listCategories } from "./catalog-filter";

/** Browse the destination catalog by category, search it by name or by what a destination does, pick one. */
export function DestinationCatalog({ onPick }: { onPick: (entry: CatalogDestinationSummary) => void }) {
  const { data, isPending, error } = useDestinationCatalog();
  const [category, setCategory] = useState("all");
  const [query, setQuery] = useState("");
  const categories = useMemo(() => listCategories(data ?? []), [data]);
  const entries = useMemo(() => filterCatalog(data ?? [], category, query), [data, category, query]);
  if (isPending) return <Spinner label="Loading the catalog" />;
  if (error) return <p className="text-sm text-red-700">Could not load the catalog: {error.message}</p>;

  const options = [{ id: "all", label: "All destinations", count: data.length }, ...categories];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <nav aria-label="Categories" className="hidden lg:block">
        <ul className="space-y-0.5">
          {options.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-pressed={category === c.id}
                onClick={() => setCategory(c.id)}
                className={cn(
                  "flex w-full items-center justify-between gap-2 rounded-md px-3 py-1.5 text-left text-sm",
                  category === c.id
                    ? "bg-indigo-50 font-medium text-indigo-700"
                    : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                <span className="min-w-0">{c.label}</span>
                <span className="text-xs text-slate-400">{c.count}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 space-y-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <Input
            type="search"
            aria-label="Search destinations"
            placeholder="Search by name or what it does"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="sm:flex-1"
          />
          <Select
            aria-label="Category"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            className="lg:hidden sm:w-56"
          >
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label} ({c.count})
              </option>
            ))}
          </Select>
        </div>
        <p className="text-xs text-slate-500" data-testid="catalog-count">
          {entries.length === 1 ? "1 destination" : `${entries.length} destinations`}
        </p>
        {entries.length === 0 ? (
          <EmptyState
            title="No destination matches"
            description="Try another word or another category. For a tool that is not in the catalog, a Webhook sends your events to any HTTP endpoint."
          />
        ) : (
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-3 sm:grid-cols-2 2xl:grid-cols-3">
            {entries.map((entry) => (
              <li key={entry.slug}>
                <CatalogCard entry={entry} onPick={onPick} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Definitions write descriptions in Markdown; a card shows them as plain text. */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/[*`]+/g, "");
}

function CatalogCard({
  entry,
  onPick,
}: {
  entry: CatalogDestinationSummary;
  onPick: (e: CatalogDestinationSummary) => void;
}) {
  return (
    <button
      type="button"
      onClick={() => onPick(entry)}
      data-testid="catalog-entry"
      data-slug={entry.slug}
      className="flex h-full w-full items-start gap-3 rounded-lg border bg-white p-4 text-left shadow-xs transition hover:border-indigo-300 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <DestinationLogo name={entry.name} logo={entry.logo} />
      <span className="min-w-0 flex-1">
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-900">
          <span className="min-w-0 break-words">{entry.name}</span>
          {entry.builtin && <Badge variant="info">Built in</Badge>}
        </span>
        <span className="mt-0.5 block text-xs text-slate-500">
          {entry.category} · {entry.actionCount === 1 ? "1 action" : `${entry.actionCount} actions`}
        </span>
        <span className="mt-1 line-clamp-2 text-sm text-slate-500">{plainText(entry.description)}</span>
      </span>
    </button>
  );
}
