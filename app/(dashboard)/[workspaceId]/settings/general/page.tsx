import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspaceMember(workspaceId);
  return <WorkspaceNameForm workspace={workspace} canEdit={hasRole(role, "admin")} />;
}
