"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { createAppKeySchema, type CreateAppKeyInput } from "@/lib/schemas/app-keys";
import { useAppKeys, useCreateAppKey, useRevokeAppKey, type AppKey } from "@/lib/queries/app-keys";
import { formatDate, formatDay } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/input";
import { Table, TableHeader, TBody, TD, TR, type Column } from "@/components/ui/table";
import { useToastedAction } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { SecretDialog, type ShownSecret } from "./secret-dialog";

const columns = {
  name: { label: "Name", isTitle: true, className: "font-medium" },
  key: { label: "Key" },
  access: { label: "Access" },
  created: { label: "Created" },
  lastUsed: { label: "Last used" },
  actions: { label: "Actions", isActions: true, className: "text-right" },
} satisfies Record<string, Column>;

export function AppKeysCard({ workspaceId }: { workspaceId: string }) {
  const runAction = useToastedAction();
  const { data: keys } = useAppKeys(workspaceId);
  const revoke = useRevokeAppKey(workspaceId);
  const [isCreating, setIsCreating] = useState(false);
  const [revoking, setRevoking] = useState<AppKey | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);

  return (
    <Card>
      <CardHeader
        title="App API keys"
        description={
          <>
            Let scripts and automation call the management API with <code>Authorization: Bearer &lt;key&gt;</code>.
            Read-only keys can only read; full-access keys act as an admin.
          </>
        }
        actions={<Button onClick={() => setIsCreating(true)}>Create App API Key</Button>}
      />
      <div>
        {!keys?.length ? (
          <EmptyState
            className="border-0"
            title="No App API keys yet"
            description="Create one for each script or integration."
          />
        ) : (
          <Table isStacked>
            <TableHeader columns={columns} />
            <TBody>
              {keys.map((key) => (
                <TR key={key.id} data-testid="app-key-row">
                  <TD column={columns.name}>
                    {key.name} {key.revokedAt && <Badge variant="danger">Revoked</Badge>}
                  </TD>
                  <TD column={columns.key}>
                    <code className="text-xs">{key.prefix}…</code>
                  </TD>
                  <TD column={columns.access}>{key.scope === "full" ? "Full access" : "Read-only"}</TD>
                  <TD column={columns.created} title={formatDate(key.createdAt)}>
                    {formatDay(key.createdAt)}
                  </TD>
                  <TD column={columns.lastUsed}>{key.lastUsedAt ? formatDate(key.lastUsedAt) : "Never"}</TD>
                  <TD column={columns.actions}>
                    {!key.revokedAt && (
                      <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setRevoking(key)}>
                        Revoke
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </div>

      <Dialog open={isCreating} onClose={() => setIsCreating(false)} title="Create an App API key">
        {isCreating && (
          <CreateAppKeyForm
            workspaceId={workspaceId}
            onCancel={() => setIsCreating(false)}
            onCreated={(token) => {
              setIsCreating(false);
              setSecret({
                title: "App API key created",
                note: "Copy it now: it is shown only this once. Sluice keeps only a hash of it.",
                values: [{ label: "App API key", value: token }],
              });
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this App API key?"
        description="Requests that use it are refused from now on. This cannot be undone."
        confirmLabel="Revoke"
        isDanger
        isPending={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await runAction(() => revoke.mutateAsync(revoking.id), "App API key revoked", "Could not revoke the key");
          setRevoking(null);
        }}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}

function CreateAppKeyForm(props: { workspaceId: string; onCancel: () => void; onCreated: (token: string) => void }) {
  const create = useCreateAppKey(props.workspaceId);
  const form = useForm<CreateAppKeyInput>({
    resolver: zodResolver(createAppKeySchema),
    defaultValues: { name: "", scope: "read" },
  });
  const submit = useFormSubmit(form, "Could not create the key", async (values) => {
    props.onCreated((await create.mutateAsync(values)).token);
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        htmlFor="app-key-name"
        label="Name"
        hint="e.g. “Terraform” or “Nightly export”"
        error={form.formState.errors.name?.message}
      >
        <Input autoFocus {...form.register("name")} />
      </Field>
      <Field htmlFor="app-key-scope" label="Access" error={form.formState.errors.scope?.message}>
        <Select {...form.register("scope")}>
          <option value="read">Read-only</option>
          <option value="full">Full access</option>
        </Select>
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={form.formState.isSubmitting}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}
