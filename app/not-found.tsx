import Link from "next/link";
import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

// Addresses outside any workspace the visitor belongs to: an unknown (or someone else's) workspace, or a typo.
// `/` sends a signed-in user to their first workspace and anyone else to sign in.
export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-14 items-center border-b border-slate-200 bg-white px-4 lg:px-6">
        <Link href="/" aria-label="Sluice home">
          <Logo />
        </Link>
      </header>
      <main className="flex-1">
        <NotFoundPanel
          title="Not found"
          description="There is nothing at this address, or it belongs to a workspace you are not a member of. Ask one of its admins for an invite if you need it."
          links={[{ href: "/", label: "Go to your workspaces" }]}
        />
      </main>
    </div>
  );
}
