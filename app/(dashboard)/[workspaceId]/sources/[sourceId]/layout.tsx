import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireWorkspaceMember } from "@/lib/auth/session";
import { AppError } from "@/lib/api/errors";
import { getSource } from "@/lib/data/sources";
import { SourceHeader } from "@/components/sources/source-header";

export default async function SourceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string; sourceId: string }>;
}) {
  const { workspaceId, sourceId } = await params;
  await requireWorkspaceMember(workspaceId);
  // A 404 page for unknown ids (and other workspaces' sources); the views then load the source themselves.
  await getSource(workspaceId, sourceId).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <>
      <SourceHeader workspaceId={workspaceId} sourceId={sourceId} />
      {children}
    </>
  );
}
