import type { ReactNode } from "react";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { Sidebar } from "@/components/shell/sidebar";
import { MobileNav } from "@/components/shell/mobile-nav";
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
      {/* min-w-0 lets wide content (tables, code) scroll inside its own box instead of widening the page. */}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 lg:static lg:px-6">
          <div className="flex min-w-0 items-center gap-2">
            <MobileNav workspaceId={workspace.id} />
            <WorkspaceSwitcher current={workspace} />
          </div>
          <UserMenu email={user.email} name={user.name} />
        </header>
        <main className="min-w-0 flex-1 px-4 py-5 sm:px-6 lg:px-8 lg:py-6">{children}</main>
      </div>
    </div>
  );
}
