"use client";
import { useState } from "react";
import Link from "next/link";
import { useWorkspaces } from "@/lib/queries/workspaces";
import { cn } from "@/components/ui/cn";
import { CreateWorkspaceDialog } from "@/components/shell/create-workspace-dialog";

export function WorkspaceSwitcher({ current }: { current: { id: string; name: string } }) {
  const { data: workspaces } = useWorkspaces();
  const [isCreating, setIsCreating] = useState(false);
  return (
    <>
      <details className="relative" data-testid="workspace-switcher">
        <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          <span className="max-w-48 truncate">{current.name}</span>
          <span aria-hidden="true" className="text-slate-400">
            ▾
          </span>
        </summary>
        <div className="absolute left-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <p className="px-2 py-1 text-xs font-medium uppercase tracking-wide text-slate-400">Workspaces</p>
          <ul>
            {(workspaces ?? [current]).map((w) => (
              <li key={w.id}>
                <Link
                  href={`/${w.id}/connections`}
                  className={cn(
                    "block truncate rounded px-2 py-1.5 text-sm hover:bg-slate-100",
                    w.id === current.id && "font-semibold text-indigo-700",
                  )}
                >
                  {w.name}
                </Link>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="mt-1 w-full rounded border-t border-slate-100 px-2 py-1.5 text-left text-sm text-indigo-700 hover:bg-slate-100"
            onClick={(e) => {
              e.currentTarget.closest("details")?.removeAttribute("open");
              setIsCreating(true);
            }}
          >
            + Create workspace
          </button>
        </div>
      </details>
      <CreateWorkspaceDialog open={isCreating} onClose={() => setIsCreating(false)} />
    </>
  );
}
