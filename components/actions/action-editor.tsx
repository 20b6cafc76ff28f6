"use client";
import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useCatalogDestination, useDestination } from "@/lib/queries/destinations";
import { useAction, useDeleteAction } from "@/lib/queries/actions";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { useToastedAction } from "@/components/ui/toast";
import { ActionForm } from "./action-form";
import { ActionHeader } from "./action-header";

/** `/[ws]/destinations/[id]/actions/[actionId]`: loads the action, its destination and definition. */
export function ActionEditor({
  workspaceId,
  destinationId,
  actionId,
}: {
  workspaceId: string;
  destinationId: string;
  actionId: string;
}) {
  const router = useRouter();
  const runAction = useToastedAction();
  const destination = useDestination(workspaceId, destinationId);
  const definition = useCatalogDestination(destination.data?.slug);
  const action = useAction(workspaceId, destinationId, actionId);
  const remove = useDeleteAction(workspaceId, destinationId, actionId);
  const [isConfirming, setIsConfirming] = useState(false);
  const back = `/${workspaceId}/destinations/${destinationId}/actions`;

  const error = destination.error ?? action.error ?? definition.error;
  if (error) {
    return (
      <EmptyState
        title="This action is gone"
        description={error.message}
        action={
          <Link href={back} className={buttonClasses()}>
            Back to the actions
          </Link>
        }
      />
    );
  }
  if (!destination.data || !action.data || !definition.data) return <Spinner label="Loading the action" />;
  const catalogAction = definition.data.actions.find((a) => a.key === action.data.actionKey);
  if (!catalogAction) {
    return (
      <EmptyState
        title="This action type is no longer offered"
        description={`${definition.data.name} has no “${action.data.actionKey}” action in this Sluice version. Delete this action and add another.`}
      />
    );
  }
  const a = action.data;
  return (
    <>
      <ActionHeader
        workspaceId={workspaceId}
        destination={destination.data}
        definition={definition.data}
        title={a.name}
        subtitle={`${catalogAction.title} · ${definition.data.name}`}
        actions={
          <Button variant="secondary" onClick={() => setIsConfirming(true)}>
            Delete action
          </Button>
        }
      />
      <ActionForm
        key={a.id}
        workspaceId={workspaceId}
        destination={destination.data}
        action={catalogAction}
        actionId={a.id}
        initial={{ name: a.name, enabled: a.enabled, trigger: a.trigger, mapping: a.mapping }}
      />
      <ConfirmDialog
        open={isConfirming}
        title="Delete this action?"
        description="Events stop being sent with it at once. Its deliveries stay in Data Out."
        confirmLabel="Delete action"
        isDanger
        isPending={remove.isPending}
        onClose={() => setIsConfirming(false)}
        onConfirm={async () => {
          const done = await runAction(() => remove.mutateAsync(), "Action deleted", "Could not delete the action");
          setIsConfirming(false);
          if (done !== undefined) router.push(back);
        }}
      />
    </>
  );
}
