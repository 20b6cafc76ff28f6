import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { AppError } from "@/lib/api/errors";
import { getDestination } from "@/lib/data/destinations";

// Every page of one destination (its tabs and the action editor): a 404 page for unknown ids and other
// workspaces' destinations; the views then load the destination themselves.
export default async function DestinationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string; destinationId: string }>;
}) {
  const { workspaceId, destinationId } = await params;
  await requireWorkspaceMember(workspaceId);
  await getDestination(workspaceId, destinationId).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return children;
}
