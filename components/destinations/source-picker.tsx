"use client";
import Link from "next/link";
import type { SourceWithHealth } from "@/lib/queries/sources";
import { canSourceFeed } from "@/lib/schemas/destinations";
import { getSourceDefinition } from "@/lib/sources";
import { SourceIcon } from "@/components/sources/source-icon";
import { cn } from "@/components/ui/cn";

/** Checkboxes for the workspace's sources: which ones feed a destination. A source that cannot feed this type of
 *  destination (a tracking key's, for the Journeys destination) is not offered, only shown with why; if it is
 *  connected already, it can be unticked. */
export function SourcePicker({
  workspaceId,
  destinationSlug,
  sources,
  selected,
  onChange,
  disabled,
}: {
  workspaceId: string;
  destinationSlug: string;
  sources: SourceWithHealth[];
  selected: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}) {
  if (!sources.length) {
    return (
      <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-600" data-testid="no-sources">
        This workspace has no sources yet, so there is nothing to connect now. You can connect sources later on the
        destination&apos;s Overview, after you{" "}
        <Link href={`/${workspaceId}/sources/new`} className="font-medium text-indigo-600 underline">
          add a source
        </Link>
        .
      </p>
    );
  }
  const toggle = (id: string, isOn: boolean) => onChange(isOn ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <ul className="divide-y divide-slate-100 rounded-md border" data-testid="source-picker">
      {sources.map((source) => {
        const isSelected = selected.includes(source.id);
        const canFeed = canSourceFeed(destinationSlug, source);
        return (
          <li key={source.id}>
            <label
              className={cn(
                "flex items-center gap-3 px-4 py-3",
                canFeed || isSelected ? "cursor-pointer hover:bg-slate-50" : "opacity-60",
              )}
            >
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 accent-indigo-600"
                checked={isSelected}
                disabled={disabled || (!canFeed && !isSelected)}
                onChange={(e) => toggle(source.id, e.target.checked)}
                aria-label={`Connect ${source.name}`}
              />
              <SourceIcon type={source.type} className="size-8 text-[11px]" />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-slate-900">{source.name}</span>
                <span className="block text-xs text-slate-500">
                  {canFeed
                    ? `${getSourceDefinition(source.type)?.name ?? source.type}${source.enabled ? "" : " · paused"}`
                    : "Its Track API calls are in the people store already: it can feed other destinations"}
                </span>
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
