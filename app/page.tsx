import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/data/users";
import { listWorkspacesForUser } from "@/lib/data/workspaces";

// Reads the database and the session on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

// `/` sends each visitor where they belong: first run → setup, signed out → sign in, else their first workspace.
export default async function Home() {
  if (!(await hasAnyUser())) redirect("/setup");
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const [first] = await listWorkspacesForUser(user.id);
  redirect(first ? `/${first.id}/connections` : "/workspaces/new");
}
