"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCatalogDestination, useUpdateDestination, type Destination } from "@/lib/queries/destinations";
import { Button } from "@/components/ui/button";
import { CardBody, CardHeader } from "@/components/ui/card";
import { useToastedAction } from "@/components/ui/toast";
import { TestConnection } from "./test-connection";

/** The add flow's last step: the saved, disabled destination; test its connection, then enable it. */
export function EnableStep({ workspaceId, destination }: { workspaceId: string; destination: Destination }) {
  const router = useRouter();
  const runAction = useToastedAction();
  const { data: definition } = useCatalogDestination(destination.slug);
  const update = useUpdateDestination(workspaceId, destination.id);
  const page = `/${workspaceId}/destinations/${destination.id}`;

  async function enable() {
    const done = await runAction(
      () => update.mutateAsync({ enabled: true }),
      "Destination enabled",
      "Could not enable the destination",
    );
    if (done) router.push(page);
  }

  const actions = destination.actions;
  return (
    <>
      <CardHeader className="border-b-0 pb-0" title="Test and enable" />
      <CardBody className="space-y-5" data-testid="enable-step">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">Connected sources</dt>
          <dd className="text-slate-900">
            {destination.sourceIds.length === 0 ? "None yet" : destination.sourceIds.length}
          </dd>
          <dt className="text-slate-500">Actions</dt>
          <dd className="text-slate-900" data-testid="preset-actions">
            {actions.length === 0 ? "None yet: add one on its Actions tab" : actions.map((a) => a.name).join(", ")}
          </dd>
        </dl>
        {definition?.hasAuthenticationTest ? (
          <section className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-900">Test the connection</h3>
            <p className="text-sm text-slate-500">
              Sends {definition.name}&apos;s own authentication check with the settings you saved.
            </p>
            <TestConnection workspaceId={workspaceId} destinationId={destination.id} />
          </section>
        ) : (
          <p className="text-sm text-slate-500">
            {definition?.name ?? "This destination"} has no connection test: send a test event from an action once it is
            enabled.
          </p>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3 border-t pt-4">
          <Link href={page} className="text-sm text-slate-500 hover:text-slate-900">
            Leave it disabled for now
          </Link>
          <Button loading={update.isPending} onClick={enable}>
            Enable destination
          </Button>
        </div>
      </CardBody>
    </>
  );
}
