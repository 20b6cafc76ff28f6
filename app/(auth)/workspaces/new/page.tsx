import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { CreateWorkspaceForm } from "@/components/shell/create-workspace-dialog";

export const metadata: Metadata = { title: "Create a workspace" };

// Where a signed-in user who belongs to no workspace lands.
export default async function NewWorkspacePage() {
  await requireUser();
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create a workspace</h1>
      <p className="mb-6 text-sm text-slate-500">You are not a member of any workspace yet.</p>
      <CreateWorkspaceForm />
    </>
  );
}
