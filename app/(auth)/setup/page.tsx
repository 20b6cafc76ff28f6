import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/data/users";

// Reads the database and the session on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Set up Sluice" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Set up Sluice</h1>
      <p className="mb-6 text-sm text-slate-500">
        Create the owner account and your first workspace. You can invite your team afterwards.
      </p>
      <SetupForm />
    </>
  );
}
