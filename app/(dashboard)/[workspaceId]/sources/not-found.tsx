"use client";
import { useParams } from "next/navigation";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

// An unknown source id, or another workspace's source (the source layout answers both with notFound()).
export default function SourceNotFound() {
  const { workspaceId } = useParams<{ workspaceId: string }>();
  return (
    <NotFoundPanel
      title="Source not found"
      description="This workspace has no source with this id: it may have been deleted, or it belongs to another workspace."
      links={[
        { href: `/${workspaceId}/sources`, label: "Back to Sources" },
        { href: `/${workspaceId}/sources/new`, label: "Add a source" },
      ]}
    />
  );
}
