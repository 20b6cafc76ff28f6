"use client";
import { useDestinations } from "@/lib/queries/destinations";

const JOURNEYS_SLUG = "customerio";

/**
 * Offered, ticked, under the new-source form: connect the source to the workspace's Customer.io Journeys
 * destination, so its identify and track calls build people. The form sends the choice with the create request
 * (`connectJourneys`) and the server makes the connection in the same transaction.
 */
export function JourneysSourceOption(props: {
  workspaceId: string;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}) {
  const { data: destinations } = useDestinations(props.workspaceId);
  const journeys = destinations?.find((d) => d.slug === JOURNEYS_SLUG);
  if (!journeys) return null;
  return (
    <label className="mt-4 flex max-w-xl items-start gap-3 rounded-lg border bg-white p-4 text-sm shadow-xs">
      <input
        type="checkbox"
        checked={props.isChecked}
        onChange={(e) => props.onChange(e.target.checked)}
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
