import type { Metadata } from "next";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { PeopleView } from "@/components/people/people-view";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceMember(workspaceId);
  return <PeopleView workspaceId={workspaceId} />;
}
