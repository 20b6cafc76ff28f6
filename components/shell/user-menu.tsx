"use client";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function UserMenu({ email, name }: { email: string; name: string | null }) {
  return (
    <details className="relative" data-testid="user-menu">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {(name || email).slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden sm:inline">{name || email}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="truncate px-2 py-1 text-xs text-slate-500">Signed in as {email}</p>
        <Button
          variant="ghost"
          size="sm"
          className="w-full justify-start"
          onClick={() => signOut({ callbackUrl: "/login" })}
        >
          Sign out
        </Button>
      </div>
    </details>
  );
}
