"use client";
import { useState } from "react";
import {
  useCreateTrackingKey,
  useRegenerateTrackingKey,
  useRenameTrackingKey,
  useRevokeTrackingKey,
  useTrackingKeys,
  type TrackingKey,
} from "@/lib/queries/tracking-keys";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableHeader, TBody } from "@/components/ui/table";
import { useToastedAction } from "@/components/ui/toast";
import { NameDialog } from "./name-dialog";
import { SecretDialog, type ShownSecret } from "./secret-dialog";
import { TrackingKeyRow, trackingKeyColumns } from "./tracking-key-row";

type Pending = { kind: "create" } | { kind: "rename" | "regenerate" | "revoke"; key: TrackingKey } | null;

export function TrackingKeysCard({ workspaceId }: { workspaceId: string }) {
  const runAction = useToastedAction();
  const { data: keys, isPending: isLoading } = useTrackingKeys(workspaceId);
  const [pending, setPending] = useState<Pending>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const create = useCreateTrackingKey(workspaceId);
  const rename = useRenameTrackingKey(workspaceId);
  const regenerate = useRegenerateTrackingKey(workspaceId);
  const revoke = useRevokeTrackingKey(workspaceId);
  const close = () => setPending(null);

  function showKey(title: string, key: TrackingKey & { apiKey: string }) {
    setSecret({
      title,
      note: "Owners and admins can reveal the API key again later; every reveal is recorded.",
      values: [
        { label: "Site ID", value: key.siteId },
        { label: "API key", value: key.apiKey },
      ],
    });
  }

  async function run<T>(action: () => Promise<T>, success: string): Promise<T | undefined> {
    const result = await runAction(action, success, "That did not work");
    close();
    return result;
  }

  return (
    <Card>
      <CardHeader
        title="Tracking API keys"
        description="A Site ID and API key pair: apps use it to send data to the people store (the Track API), and in-app messages use its Site ID."
        actions={<Button onClick={() => setPending({ kind: "create" })}>Create Tracking API Key</Button>}
      />
      <div>
        {isLoading ? (
          <div className="p-6">
            <Spinner label="Loading tracking API keys" />
          </div>
        ) : !keys?.length ? (
          <EmptyState
            className="border-0"
            title="No tracking API keys yet"
            description="Create one for each app or site that talks to the Track API or shows in-app messages."
          />
        ) : (
          <Table isStacked>
            <TableHeader columns={trackingKeyColumns} />
            <TBody>
              {keys.map((key) => (
                <TrackingKeyRow
                  key={key.id}
                  workspaceId={workspaceId}
                  trackingKey={key}
                  onAction={(kind) => setPending({ kind, key })}
                />
              ))}
            </TBody>
          </Table>
        )}
      </div>

      <NameDialog
        open={pending?.kind === "create"}
        title="Create a tracking API key"
        submitLabel="Create key"
        onClose={close}
        onSubmit={async (name) => {
          const key = await create.mutateAsync({ name });
          close();
          showKey("Tracking API key created", key);
        }}
      />
      <NameDialog
        open={pending?.kind === "rename"}
        title="Rename the tracking API key"
        submitLabel="Save"
        initialName={pending?.kind === "rename" ? pending.key.name : ""}
        onClose={close}
        onSubmit={async (name) => {
          if (pending?.kind === "rename") await rename.mutateAsync({ id: pending.key.id, name });
          close();
        }}
      />
      <ConfirmDialog
        open={pending?.kind === "regenerate"}
        title="Regenerate the API key?"
        description="The Site ID stays the same. The current API key stops working at once: update every app that uses it."
        confirmLabel="Regenerate"
        isDanger
        isPending={regenerate.isPending}
        onClose={close}
        onConfirm={async () => {
          if (pending?.kind !== "regenerate") return;
          const key = await run(() => regenerate.mutateAsync(pending.key.id), "API key regenerated");
          if (key) showKey("New API key", key);
        }}
      />
      <ConfirmDialog
        open={pending?.kind === "revoke"}
        title="Revoke this tracking API key?"
        description="Its API key stops working at once and in-app messages stop using its Site ID. This cannot be undone."
        confirmLabel="Revoke"
        isDanger
        isPending={revoke.isPending}
        onClose={close}
        onConfirm={() =>
          pending?.kind === "revoke" && run(() => revoke.mutateAsync(pending.key.id), "Tracking API key revoked")
        }
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
