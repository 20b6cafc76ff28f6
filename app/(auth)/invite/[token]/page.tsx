import type { Metadata } from "next";
import Link from "next/link";
import { AppError } from "@/lib/api/errors";
import { getInvitePreview } from "@/lib/data/invites";
import { AcceptInviteForm } from "@/components/settings/members/accept-invite-form";
import { buttonClasses } from "@/components/ui/button";

// Reads the invite on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Join a workspace" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await getInvitePreview(token).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!invite) {
    return (
      <>
        <h1 className="mb-1 text-xl font-semibold">This invite link does not work</h1>
        <p className="mb-6 text-sm text-slate-500">
          It is invalid, has expired (links work for 7 days) or has already been used. Ask whoever invited you for a new
          link.
        </p>
        <Link href="/login" className={buttonClasses({ variant: "secondary", className: "w-full" })}>
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">
        Join {invite.workspace.name} as {invite.role}
      </h1>
      <p className="mb-6 text-sm text-slate-500">You were invited to this Sluice workspace as {invite.email}.</p>
      <AcceptInviteForm token={token} invite={invite} />
    </>
  );
}
