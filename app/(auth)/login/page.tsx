import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { LoginForm } from "@/components/auth/login-form";
import { getSessionUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/data/users";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";

// Reads the database and the session on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only paths on Sluice's own origin, or this page is an open redirect.
  const origin = env.publicUrl ? new URL(env.publicUrl).origin : `http://${(await headers()).get("host")}`;
  const target = safeCallbackPath(callbackUrl, origin);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-500">Welcome back to Sluice.</p>
      <LoginForm callbackUrl={target} />
    </>
  );
}
