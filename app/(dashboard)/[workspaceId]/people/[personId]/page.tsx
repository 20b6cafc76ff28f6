import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { PersonView } from "@/components/people/person-view";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ workspaceId: string; personId: string }> }) {
  const { workspaceId, personId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <PersonView workspaceId={workspaceId} personId={personId} />;
}
