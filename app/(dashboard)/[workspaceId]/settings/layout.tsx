import type { ReactNode } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  return (
    <>
      <PageHeader
        title="Settings"
        description="This workspace's name, event retention, credentials, in-app messaging and members."
      />
      <SettingsTabs workspaceId={workspaceId} />
      <div className="mt-6">{children}</div>
    </>
  );
}
