"use client";
import { useParams } from "next/navigation";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

// Inside the workspace layout, so the sidebar and header stay: a wrong link is one click from anywhere.
export default function WorkspaceNotFound() {
  const { workspaceId } = useParams<{ workspaceId: string }>();
  return (
    <NotFoundPanel
      title="Page not found"
      description="This workspace has no page at this address. The link may be old, or the page may have moved."
      links={[
        { href: `/${workspaceId}/connections`, label: "Go to Connections" },
        { href: `/${workspaceId}/sources`, label: "Sources" },
      ]}
    />
  );
}
