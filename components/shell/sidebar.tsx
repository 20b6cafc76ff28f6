import { Logo } from "@/components/shell/logo";
import { SectionNav } from "@/components/shell/section-nav";

/** The desktop sidebar (1024 px and up); narrower screens get the same sections in `MobileNav`'s drawer. */
export function Sidebar({ workspaceId }: { workspaceId: string }) {
  return (
    <aside className="hidden w-56 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex">
      <div className="flex h-14 items-center px-5">
        <Logo />
      </div>
      <SectionNav workspaceId={workspaceId} />
    </aside>
  );
}
