import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { ObjectView } from "@/components/objects/object-view";

export const metadata: Metadata = { title: "Object" };

type Params = { workspaceId: string; typeId: string; objectId: string };

export default async function ObjectPage({ params }: { params: Promise<Params> }) {
  const { workspaceId, typeId, objectId } = await params;
  await requireWorkspaceMember(workspaceId);
  const type = Number(typeId);
  if (!Number.isInteger(type) || type < 1) notFound();
  return <ObjectView workspaceId={workspaceId} typeId={type} objectId={safeDecode(objectId)} />;
}

/** A path segment as text, whether or not the router decoded it already. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
