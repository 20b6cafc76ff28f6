"use client";
import Link from "next/link";
import { useCatalogDestination, useDestination, useUpdateDestination } from "@/lib/queries/destinations";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DestinationMetrics } from "@/components/metrics/destination-metrics";
import { useToastedAction } from "@/components/ui/toast";
import { ActionList } from "./action-list";
import { ConnectedSourcesCard } from "./connected-sources-card";
import { Switch } from "./switch";

/** The Overview tab: enabled, the connected sources (editable), the actions with their switches, and the
 *  delivery charts. */
export function DestinationOverview({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const runAction = useToastedAction();
  const { data: destination } = useDestination(workspaceId, destinationId);
  const { data: definition } = useCatalogDestination(destination?.slug);
  const update = useUpdateDestination(workspaceId, destinationId);
  if (!destination) return null;

  const setEnabled = (enabled: boolean) =>
    runAction(
      () => update.mutateAsync({ enabled }),
      enabled ? "Destination enabled" : "Destination disabled",
      enabled ? "Could not enable the destination" : "Could not disable the destination",
    );

  return (
    <div className="max-w-4xl space-y-6">
      <Card data-testid="destination-enabled-card">
        <CardHeader
          title="Delivery"
          description={
            destination.enabled
              ? "Enabled: events of the connected sources go through its actions that are on."
              : "Disabled: nothing is sent to it. Its settings, sources and actions are kept."
          }
          actions={
            <Switch
              checked={destination.enabled}
              disabled={update.isPending}
              onChange={(enabled) => void setEnabled(enabled)}
              label="Destination enabled"
            />
          }
        />
      </Card>
      <ConnectedSourcesCard workspaceId={workspaceId} destination={destination} />
      <Card>
        <CardHeader
          title="Actions"
          description="Each action sends the events its trigger matches, shaped by its mapping."
          actions={
            destination.actions.length > 0 && (
              <Link
                href={`/${workspaceId}/destinations/${destinationId}/actions/new`}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                Add action
              </Link>
            )
          }
        />
        <div>
          <ActionList workspaceId={workspaceId} destination={destination} definition={definition} />
        </div>
      </Card>
      <DestinationMetrics workspaceId={workspaceId} destinationId={destinationId} />
    </div>
  );
}
