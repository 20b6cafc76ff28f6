"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { CatalogDestination } from "@/lib/destinations/types";
import type { Destination } from "@/lib/queries/destinations";
import { DestinationLogo } from "@/components/catalog/destination-logo";

/** The editor's own frame: back to the destination's actions, the destination's logo, the title. */
export function ActionHeader({
  workspaceId,
  destination,
  definition,
  title,
  subtitle,
  actions,
}: {
  workspaceId: string;
  destination: Destination;
  definition: CatalogDestination | undefined;
  title: string;
  subtitle: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 space-y-4">
      <Link
        href={`/${workspaceId}/destinations/${destination.id}/actions`}
        className="text-sm text-slate-500 hover:text-slate-900"
      >
        ← {destination.name}: actions
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <DestinationLogo name={definition?.name ?? destination.slug} logo={definition?.logo} className="size-11" />
          <div className="min-w-0">
            <h1 className="text-xl font-semibold break-words text-slate-900" data-testid="action-title">
              {title}
            </h1>
            <p className="text-sm text-slate-500">{subtitle}</p>
          </div>
        </div>
        {actions}
      </div>
    </div>
  );
}
