"use client";
import { Tabs } from "@/components/ui/tabs";

export function SettingsTabs({ workspaceId }: { workspaceId: string }) {
  const base = `/${workspaceId}/settings`;
  return (
    <Tabs
      aria-label="Settings sections"
      tabs={[
        { id: "general", label: "General", href: `${base}/general` },
        { id: "api-credentials", label: "API and Webhook Credentials", href: `${base}/api-credentials` },
        { id: "members", label: "Members", href: `${base}/members` },
      ]}
    />
  );
}
