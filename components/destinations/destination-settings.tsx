"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import {
  useCatalogDestination,
  useDeleteDestination,
  useDestination,
  useUpdateDestination,
} from "@/lib/queries/destinations";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { SettingsForm } from "./settings-form";
import { TestConnection } from "./test-connection";

/** The Settings tab: name and the generated settings form (secrets kept unless replaced), test, delete. */
export function DestinationSettings({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const { data: destination } = useDestination(workspaceId, destinationId);
  const { data: definition, isPending, error } = useCatalogDestination(destination?.slug);
  const update = useUpdateDestination(workspaceId, destinationId);
  const remove = useDeleteDestination(workspaceId, destinationId);
  const [isDeleting, setIsDeleting] = useState(false);
  if (!destination) return null;

  async function confirmDelete() {
    try {
      await remove.mutateAsync();
      toast({ title: "Destination deleted", variant: "success" });
      router.push(`/${workspaceId}/destinations`);
    } catch (err) {
      toast({ title: "Could not delete the destination", description: (err as Error).message, variant: "error" });
    }
  }

  return (
    <div className="max-w-3xl space-y-6">
      <Card>
        <CardHeader
          title="Settings"
          description="Secret fields are stored encrypted and never shown again: “Set” means one is stored."
        />
        <CardBody>
          {isPending ? (
            <Spinner label="Loading its settings" />
          ) : error ? (
            <p className="text-sm text-red-700">Could not load its settings: {error.message}</p>
          ) : (
            <SettingsForm
              key={destination.updatedAt}
              fields={definition.settings}
              settings={destination.settings}
              secretsSet={destination.secretsSet}
              name={destination.name}
              submitLabel="Save changes"
              failure="Could not save the settings"
              onSubmit={async ({ name, settings }) => {
                await update.mutateAsync({ name, settings });
                toast({ title: "Settings saved", variant: "success" });
              }}
            />
          )}
        </CardBody>
      </Card>

      {definition?.hasAuthenticationTest && (
        <Card>
          <CardHeader
            title="Connection"
            description={`Runs ${definition.name}'s authentication check with the saved settings.`}
          />
          <CardBody>
            <TestConnection workspaceId={workspaceId} destinationId={destinationId} />
          </CardBody>
        </Card>
      )}

      <Card className="border-red-200">
        {/* The button under the text, not beside it: beside it, a phone leaves the text a narrow column. */}
        <CardHeader
          className="border-b-0"
          title="Delete this destination"
          description="Its settings, connections and actions go with it; events already sent stay where they are."
        />
        <CardBody className="pt-0">
          <Button variant="danger" onClick={() => setIsDeleting(true)}>
            Delete destination
          </Button>
        </CardBody>
      </Card>
      <ConfirmDialog
        open={isDeleting}
        title={`Delete “${destination.name}”?`}
        description="This cannot be undone. Sluice stops sending to it at once and forgets its settings and actions."
        confirmLabel="Delete destination"
        isDanger
        isPending={remove.isPending}
        onClose={() => setIsDeleting(false)}
        onConfirm={() => void confirmDelete()}
      />
    </div>
  );
}
