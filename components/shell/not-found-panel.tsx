"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";

export interface NotFoundPanelProps {
  title: string;
  description: string;
  /** The way back, first one primary. */
  links: { href: string; label: string }[];
}

/** A 404 that says what was not found (including the address asked for) and offers a way back. */
export function NotFoundPanel({ title, description, links }: NotFoundPanelProps) {
  const pathname = usePathname();
  return (
    <section
      aria-labelledby="not-found-title"
      data-testid="not-found"
      className="mx-auto flex max-w-lg flex-col items-center px-4 py-16 text-center"
    >
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 id="not-found-title" className="mt-2 text-xl font-semibold text-slate-900">
        {title}
      </h1>
      <p className="mt-2 text-sm text-slate-500">{description}</p>
      <p className="mt-3 max-w-full truncate rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-600">
        {pathname}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {links.map((link, i) => (
          <Link
            key={link.href}
            href={link.href}
            className={buttonClasses({ variant: i === 0 ? "primary" : "secondary" })}
          >
            {link.label}
          </Link>
        ))}
      </div>
    </section>
  );
}
