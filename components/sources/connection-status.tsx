"use client";
import { useFirstEventStream, useSendTestEvent, type Source } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { formatDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";

/** "Waiting for your first event" until the first call is stored, live (SSE); then "Connected". */
export function ConnectionStatus({ workspaceId, source }: { workspaceId: string; source: Source }) {
  const { toast } = useToast();
  const isWaiting = !source.firstEventAt;
  useFirstEventStream(workspaceId, source.id, isWaiting);
  const testEvent = useSendTestEvent(workspaceId, source.id);
  const canSendTest = getSourceDefinition(source.type)?.isServerSide;

  async function sendTestEvent() {
    try {
      const result = await testEvent.mutateAsync();
      toast(
        result.ok
          ? {
              title: "Test event sent",
              description: "A “Sluice Test Event” track call was stored.",
              variant: "success",
            }
          : {
              title: `Ingest answered ${result.status}`,
              description: JSON.stringify(result.response),
              variant: "error",
            },
      );
    } catch (err) {
      toast({ title: "Could not send a test event", description: (err as Error).message, variant: "error" });
    }
  }

  return (
    <Card data-testid="connection-status" data-state={!source.enabled ? "paused" : isWaiting ? "waiting" : "connected"}>
      <CardBody className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex items-center gap-3">
          {isWaiting ? (
            <Spinner className="size-5 text-indigo-600" />
          ) : (
            <span aria-hidden="true" className="size-3 rounded-full bg-emerald-500" />
          )}
          <div>
            <p className="font-medium text-slate-900">
              {isWaiting
                ? "Waiting for your first event"
                : `Connected — first event received ${formatDate(source.firstEventAt!)}`}
            </p>
            <p className="text-sm text-slate-500">
              {!source.enabled
                ? "This source is disabled: Sluice refuses its calls (403) until you enable it in Settings."
                : isWaiting
                  ? "Install the code below and trigger a call; this page updates by itself when it arrives."
                  : "Calls from this source are stored and delivered to its destinations."}
            </p>
          </div>
        </div>
        {canSendTest && source.enabled && (
          <Button variant="secondary" loading={testEvent.isPending} onClick={sendTestEvent}>
            Send a test event
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
