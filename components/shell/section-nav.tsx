"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

// `also`: other paths that belong to the section (Objects are part of People, as in Customer.io).
const sections: { slug: string; label: string; also?: string[] }[] = [
  { slug: "connections", label: "Connections" },
  { slug: "sources", label: "Sources" },
  { slug: "destinations", label: "Destinations" },
  { slug: "debugger", label: "Debugger" },
  { slug: "people", label: "People", also: ["objects"] },
  { slug: "settings", label: "Settings" },
];

function isUnder(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The app's sections, in the desktop sidebar and in the narrow-screen drawer. */
export function SectionNav({ workspaceId, onNavigate }: { workspaceId: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex-1 space-y-0.5 px-3 py-2">
      {sections.map(({ slug, label, also = [] }) => {
        const href = `/${workspaceId}/${slug}`;
        const isActive = [slug, ...also].some((s) => isUnder(pathname, `/${workspaceId}/${s}`));
        return (
          <Link
            key={slug}
            href={href}
            onClick={onNavigate}
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
  );
}
