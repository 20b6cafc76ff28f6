import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { InAppCard } from "@/components/settings/in-app-card";
import { RetentionCard } from "@/components/settings/retention-card";
import { MergeWindowCard } from "@/components/settings/merge-window-card";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspaceMember(workspaceId);
  const canEdit = hasRole(role, "admin");
  return (
    <div className="space-y-6">
      <WorkspaceNameForm workspace={workspace} canEdit={canEdit} />
      <InAppCard workspaceId={workspaceId} canEdit={canEdit} />
      <RetentionCard workspaceId={workspaceId} canEdit={canEdit} />
      <MergeWindowCard workspaceId={workspaceId} canEdit={canEdit} />
    </div>
  );
}
