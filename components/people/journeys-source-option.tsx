"use client";
import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { destinationKeys, useDestinations } from "@/lib/queries/destinations";

const JOURNEYS_SLUG = "customerio";

type CreatedSource = { id?: string; writeKey?: string };

/**
 * Offered, ticked, under the new-source form: connect the source to the workspace's Customer.io Journeys
 * destination as soon as it is created, so its identify and track calls build people. It watches the query
 * client for the source-creation mutation's success (the form belongs to the sources feature) and then adds the
 * new source to the destination's connections.
 */
export function JourneysSourceOption({ workspaceId }: { workspaceId: string }) {
  const client = useQueryClient();
  const { data: destinations } = useDestinations(workspaceId);
  const journeys = destinations?.find((d) => d.slug === JOURNEYS_SLUG);
  const [isChecked, setIsChecked] = useState(true);

  useEffect(() => {
    if (!journeys || !isChecked) return;
    return client.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      const vars = event.mutation.state.variables as { type?: unknown; name?: unknown } | undefined;
      const created = event.mutation.state.data as CreatedSource | undefined;
      if (typeof vars?.type !== "string" || typeof vars.name !== "string" || !created?.id || !created.writeKey) return;
      const sourceIds = [...new Set([...journeys.sourceIds, created.id])];
      void apiFetch(`/api/workspaces/${workspaceId}/destinations/${journeys.id}`, {
        method: "PATCH",
        body: { sourceIds },
      }).then(() => client.invalidateQueries({ queryKey: destinationKeys.all(workspaceId) }));
    });
  }, [client, journeys, isChecked, workspaceId]);

  if (!journeys) return null;
  return (
    <label className="mt-4 flex max-w-xl items-start gap-3 rounded-lg border bg-white p-4 text-sm shadow-xs">
      <input
        type="checkbox"
        checked={isChecked}
        onChange={(e) => setIsChecked(e.target.checked)}
        className="mt-0.5 size-4 accent-indigo-600"
        data-testid="connect-journeys"
      />
      <span>
        <span className="font-medium text-slate-900">Send to {journeys.name}</span>
        <span className="mt-0.5 block text-slate-500">
          Its identify, track, page, screen and group calls build the People pages. You can disconnect it later on the
          destination.
        </span>
      </span>
    </label>
  );
}
