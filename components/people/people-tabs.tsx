"use client";
import { Tabs } from "@/components/ui/tabs";

/** People | Objects: the two halves of the Journeys store. */
export function PeopleTabs({ workspaceId }: { workspaceId: string }) {
  return (
    <Tabs
      aria-label="People and objects"
      className="mb-4"
      tabs={[
        { id: "people", label: "People", href: `/${workspaceId}/people` },
        { id: "objects", label: "Objects", href: `/${workspaceId}/objects` },
      ]}
    />
  );
}
