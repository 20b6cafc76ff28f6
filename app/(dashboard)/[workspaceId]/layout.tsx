import type { ReactNode } from "react";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { Sidebar } from "@/components/shell/sidebar";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { UserMenu } from "@/components/shell/user-menu";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  const { user, workspace } = await requireWorkspaceMember(workspaceId);
  return (
    <div className="flex min-h-screen">
      <Sidebar workspaceId={workspace.id} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-6">
          <WorkspaceSwitcher current={workspace} />
          <UserMenu email={user.email} name={user.name} />
        </header>
        <main className="flex-1 px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
