"use client";
import { useState } from "react";
import Link from "next/link";
import { useWorkspaces } from "@/lib/queries/workspaces";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { CreateWorkspaceDialog } from "@/components/shell/create-workspace-dialog";

export function WorkspaceSwitcher({ current }: { current: { id: string; name: string } }) {
  const { data: workspaces } = useWorkspaces();
  const [isCreating, setIsCreating] = useState(false);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          data-testid="workspace-switcher"
          className="flex min-w-0 items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 data-[state=open]:bg-slate-50"
        >
          <span className="sr-only">Workspace: </span>
          <span className="max-w-40 truncate sm:max-w-64">{current.name}</span>
          <span aria-hidden="true" className="text-slate-400">
            ▾
          </span>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel className="font-medium tracking-wide text-slate-400 uppercase">
            Workspaces
          </DropdownMenuLabel>
          {(workspaces ?? [current]).map((w) => (
            <DropdownMenuItem key={w.id} asChild>
              <Link
                href={`/${w.id}/connections`}
                aria-current={w.id === current.id ? "page" : undefined}
                className={cn("block truncate", w.id === current.id && "font-semibold text-indigo-700")}
              >
                {w.name}
              </Link>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          {/* Radix closes the menu on select; the dialog then opens over the page, not over the menu. */}
          <DropdownMenuItem className="text-indigo-700" onSelect={() => setIsCreating(true)}>
            + Create workspace
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateWorkspaceDialog open={isCreating} onClose={() => setIsCreating(false)} />
    </>
  );
}
