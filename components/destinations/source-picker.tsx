"use client";
import Link from "next/link";
import type { SourceWithHealth } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { SourceIcon } from "@/components/sources/source-icon";

/** Checkboxes for the workspace's sources: which ones feed a destination. */
export function SourcePicker({
  workspaceId,
  sources,
  selected,
  onChange,
  disabled,
}: {
  workspaceId: string;
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
      {sources.map((source) => (
        <li key={source.id}>
          <label className="flex cursor-pointer items-center gap-3 px-4 py-3 hover:bg-slate-50">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 accent-indigo-600"
              checked={selected.includes(source.id)}
              disabled={disabled}
              onChange={(e) => toggle(source.id, e.target.checked)}
              aria-label={`Connect ${source.name}`}
            />
            <SourceIcon type={source.type} className="size-8 text-[11px]" />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-slate-900">{source.name}</span>
              <span className="block text-xs text-slate-500">
                {getSourceDefinition(source.type)?.name ?? source.type}
                {!source.enabled && " · paused"}
              </span>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}
