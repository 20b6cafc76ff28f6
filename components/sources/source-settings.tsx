"use client";
import { useState } from "react";
import { useRotateWriteKey, useSource, useUpdateSource } from "@/lib/queries/sources";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToastedAction } from "@/components/ui/toast";
import { RenameSourceForm } from "./rename-source-form";
import { SourceRateLimitForm } from "./source-rate-limit-form";
import { DeleteSourceDialog } from "./delete-source-dialog";

/** The Settings tab: rename, pause / resume, rate limit, rotate the write key, delete. */
export function SourceSettings({ workspaceId, sourceId }: { workspaceId: string; sourceId: string }) {
  const runAction = useToastedAction();
  const { data: source } = useSource(workspaceId, sourceId);
  const update = useUpdateSource(workspaceId, sourceId);
  const rotate = useRotateWriteKey(workspaceId, sourceId);
  const [dialog, setDialog] = useState<"rotate" | "delete" | null>(null);
  if (!source) return null;

  async function run(action: () => Promise<unknown>, success: string) {
    await runAction(action, success, "That did not work");
    setDialog(null);
  }

  return (
    <div className="max-w-3xl space-y-6">
      <RenameSourceForm workspaceId={workspaceId} source={source} />

      <Card data-testid="source-enabled-card">
        <CardHeader
          title={
            <span className="inline-flex items-center gap-2">
              Data collection
              {source.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="warning">Disabled</Badge>}
            </span>
          }
          description={
            source.enabled
              ? "Sluice accepts calls with this source's write key. Disable it to refuse them (403) without losing its settings."
              : "This source is disabled: Sluice refuses its calls with 403 and stores nothing. Enable it to accept them again."
          }
          actions={
            source.enabled ? (
              <Button
                variant="secondary"
                loading={update.isPending}
                onClick={() => run(() => update.mutateAsync({ enabled: false }), "Source disabled")}
              >
                Disable source
              </Button>
            ) : (
              <Button
                loading={update.isPending}
                onClick={() => run(() => update.mutateAsync({ enabled: true }), "Source enabled")}
              >
                Enable source
              </Button>
            )
          }
        />
      </Card>

      <SourceRateLimitForm workspaceId={workspaceId} source={source} />

      <Card>
        <CardHeader
          title="Write key"
          description="Rotate it when it leaked or was misused. The current key stops working at once: update every site, app and server that sends with it."
          actions={
            <Button variant="secondary" onClick={() => setDialog("rotate")}>
              Rotate write key
            </Button>
          }
        />
        <CardBody>
          <code className="rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="settings-write-key">
            {source.writeKey}
          </code>
        </CardBody>
      </Card>

      <Card className="border-red-200">
        <CardHeader
          title="Delete this source"
          description="Its write key stops working at once and it disappears from Connections. You choose whether its stored events go too."
          actions={
            <Button variant="danger" onClick={() => setDialog("delete")}>
              Delete source
            </Button>
          }
        />
      </Card>

      <ConfirmDialog
        open={dialog === "rotate"}
        title="Rotate the write key?"
        description="A new write key replaces the current one, which stops working immediately. Calls sent with the old key are refused (401) until you install the new one."
        confirmLabel="Rotate key"
        isDanger
        isPending={rotate.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => run(() => rotate.mutateAsync(undefined), "Write key rotated")}
      />
      <DeleteSourceDialog
        open={dialog === "delete"}
        workspaceId={workspaceId}
        source={source}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
