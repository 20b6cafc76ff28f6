"use client";
import { useState } from "react";
import { useUpdateDestination, type Destination } from "@/lib/queries/destinations";
import { useSources } from "@/lib/queries/sources";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useToastedAction } from "@/components/ui/toast";
import { SourcePicker } from "./source-picker";

/** Which sources feed the destination: tick them, then save (PATCH sourceIds replaces the connections). */
export function ConnectedSourcesCard({ workspaceId, destination }: { workspaceId: string; destination: Destination }) {
  const runAction = useToastedAction();
  const { data: sources, isPending, error } = useSources(workspaceId);
  const update = useUpdateDestination(workspaceId, destination.id);
  // The unsaved selection; null while it equals what is stored.
  const [draft, setDraft] = useState<string[] | null>(null);
  const selected = draft ?? destination.sourceIds;
  const isDirty =
    draft !== null &&
    (draft.length !== destination.sourceIds.length || draft.some((id) => !destination.sourceIds.includes(id)));

  async function save() {
    const done = await runAction(
      () => update.mutateAsync({ sourceIds: selected }),
      "Connected sources saved",
      "Could not save the connected sources",
    );
    if (done) setDraft(null);
  }

  return (
    <Card data-testid="connected-sources-card">
      <CardHeader
        title="Connected sources"
        description={
          destination.sourceIds.length === 0
            ? "None: this destination receives nothing until you connect a source."
            : `${destination.sourceIds.length} connected: their events reach this destination's actions.`
        }
      />
      <CardBody className="space-y-4">
        {isPending ? (
          <Spinner label="Loading sources" />
        ) : error ? (
          <p className="text-sm text-red-700">Could not load the sources: {error.message}</p>
        ) : (
          <SourcePicker
            workspaceId={workspaceId}
            destinationSlug={destination.slug}
            sources={sources}
            selected={selected}
            onChange={setDraft}
            disabled={update.isPending}
          />
        )}
        {isDirty && (
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDraft(null)}>
              Undo
            </Button>
            <Button loading={update.isPending} onClick={save}>
              Save connections
            </Button>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
