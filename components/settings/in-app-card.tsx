"use client";
import Link from "next/link";
import { useSettings, useUpdateSettings } from "@/lib/queries/settings";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useToastedAction } from "@/components/ui/toast";

export function InAppCard({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const runAction = useToastedAction();
  const { data: settings } = useSettings(workspaceId);
  const update = useUpdateSettings(workspaceId);
  const siteKey = settings?.inAppKey;

  async function toggle(inAppEnabled: boolean) {
    await runAction(
      () => update.mutateAsync({ inAppEnabled }),
      inAppEnabled ? "In-app messaging enabled" : "In-app messaging disabled",
      "Could not change in-app messaging",
    );
  }

  if (!settings) {
    return (
      <Card>
        <CardBody>
          <Spinner label="Loading in-app messaging settings" />
        </CardBody>
      </Card>
    );
  }
  return (
    <Card data-testid="in-app-card">
      <CardHeader
        title={
          <span className="inline-flex items-center gap-2">
            In-app messaging {settings.inAppEnabled ? <Badge variant="success">Enabled</Badge> : <Badge>Off</Badge>}
          </span>
        }
        description="Show in-app messages on your website and in your apps. When enabled, the install snippet and CDN settings of your JavaScript sources load Customer.io's in-app plugin with a tracking API key's Site ID."
        actions={
          canEdit &&
          (settings.inAppEnabled ? (
            <Button variant="secondary" loading={update.isPending} onClick={() => toggle(false)}>
              Disable in-app
            </Button>
          ) : (
            <Button loading={update.isPending} onClick={() => toggle(true)}>
              Enable in-app
            </Button>
          ))
        }
      />
      <CardBody className="text-sm text-slate-600">
        {!settings.inAppEnabled ? (
          <p>
            <strong className="font-medium text-slate-900">Get started:</strong> enable in-app messaging, then copy the
            updated snippet from each JavaScript source. Existing installs pick it up from their CDN settings.
          </p>
        ) : !canEdit ? (
          <p>JavaScript sources load the in-app plugin.</p>
        ) : siteKey ? (
          <p>
            JavaScript sources use the Site ID <code className="rounded bg-slate-100 px-1">{siteKey.siteId}</code> of “
            {siteKey.name}” unless a source picks another tracking API key.
          </p>
        ) : (
          <p className="text-amber-700">
            In-app messages need a Site ID: create a tracking API key in{" "}
            <Link className="underline" href={`/${workspaceId}/settings/api-credentials`}>
              API and Webhook Credentials
            </Link>
            .
          </p>
        )}
      </CardBody>
    </Card>
  );
}
