"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/shell/logo";

const sections = [
  { slug: "connections", label: "Connections" },
  { slug: "sources", label: "Sources" },
  { slug: "destinations", label: "Destinations" },
  { slug: "debugger", label: "Debugger" },
  { slug: "people", label: "People" },
  { slug: "settings", label: "Settings" },
] as const;

export function Sidebar({ workspaceId }: { workspaceId: string }) {
  const pathname = usePathname();
  return (
    <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex h-14 items-center px-5">
        <Logo />
      </div>
      <nav aria-label="Sections" className="flex-1 space-y-0.5 px-3 py-2">
        {sections.map(({ slug, label }) => {
          const href = `/${workspaceId}/${slug}`;
          const isActive = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <Link
              key={slug}
              href={href}
              aria-current={isActive ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium",
                isActive ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {label}
            </Link>
          );
        })}
      </nav>
    </aside>
  );
}
