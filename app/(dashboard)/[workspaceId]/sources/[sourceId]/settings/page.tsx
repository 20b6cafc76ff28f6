import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { SourceSettings } from "@/components/sources/source-settings";

export const metadata: Metadata = { title: "Source settings" };

// The layout also checks that the source belongs to this workspace (404 otherwise).
export default async function SourceSettingsPage({
  params,
}: {
  params: Promise<{ workspaceId: string; sourceId: string }>;
}) {
  const { workspaceId, sourceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <SourceSettings workspaceId={workspaceId} sourceId={sourceId} />;
}
