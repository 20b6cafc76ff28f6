"use client";
import Link from "next/link";
import { useUpdateSource, type SourceInstall } from "@/lib/queries/sources";
import { Field, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

/** For sources that can show in-app messages: which tracking API key's Site ID the snippet carries. */
export function InAppSitePicker({ workspaceId, install }: { workspaceId: string; install: SourceInstall }) {
  const { toast } = useToast();
  const update = useUpdateSource(workspaceId, install.source.id);
  const { inApp } = install;

  if (!inApp.enabled) {
    return (
      <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-600" data-testid="in-app-note">
        In-app messages are off for this workspace. To show them on your site, an owner or admin can turn them on in{" "}
        <Link className="font-medium text-indigo-600 underline" href={`/${workspaceId}/settings/general`}>
          Settings › General
        </Link>
        ; the snippet then carries your Site ID.
      </p>
    );
  }
  if (!inApp.trackingKeys.length) {
    return (
      <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800" data-testid="in-app-note">
        In-app messages need a Site ID: an owner or admin can create a tracking API key in{" "}
        <Link className="font-medium underline" href={`/${workspaceId}/settings/api-credentials`}>
          Settings › API credentials
        </Link>
        .
      </p>
    );
  }
  async function pick(keyId: string) {
    try {
      await update.mutateAsync({ inAppSiteKeyId: keyId });
      toast({ title: "Site ID updated", description: "Copy the snippet again.", variant: "success" });
    } catch (err) {
      toast({ title: "Could not change the Site ID", description: (err as Error).message, variant: "error" });
    }
  }
  return (
    <Field
      htmlFor="in-app-site-key"
      label="Site ID for in-app messages"
      hint="The in-app plugin shows messages from the workspace this tracking API key's Site ID belongs to."
      className="max-w-md"
    >
      <Select value={inApp.selectedKeyId ?? ""} disabled={update.isPending} onChange={(e) => void pick(e.target.value)}>
        {inApp.trackingKeys.map((key) => (
          <option key={key.id} value={key.id}>
            {key.name} — {key.siteId}
          </option>
        ))}
      </Select>
    </Field>
  );
}
