"use client";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/** The Data Out tab: what was delivered to this destination. Delivery itself arrives with the delivery engine. */
export function DestinationDataOut({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  void workspaceId;
  void destinationId;
  return (
    <Card className="max-w-3xl" data-testid="data-out">
      <CardHeader title="Data Out" />
      <CardBody className="space-y-2 text-sm text-slate-600">
        <p>
          Delivery arrives with the delivery engine. Until then, Sluice stores your sources&apos; events but does not
          send them to destinations on its own.
        </p>
        <p>
          Meanwhile you can check an action for real: open it from the Actions tab, pick a recent event and send a test
          event. The request and the destination&apos;s answer are shown there.
        </p>
      </CardBody>
    </Card>
  );
}
