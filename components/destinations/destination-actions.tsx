"use client";
import Link from "next/link";
import { useCatalogDestination, useDestination } from "@/lib/queries/destinations";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ActionList } from "./action-list";

/** The Actions tab: every action of the destination, at most 50, with their switches and editors. */
export function DestinationActions({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const { data: destination } = useDestination(workspaceId, destinationId);
  const { data: definition } = useCatalogDestination(destination?.slug);
  if (!destination) return null;
  const count = destination.actions.length;
  const isFull = count >= 50;
  return (
    <Card className="max-w-4xl">
      <CardHeader
        title="Actions"
        description={
          isFull
            ? "This destination has 50 actions, the most it can have. Delete one to add another."
            : `A trigger says when to send, a mapping says what. ${definition ? `${definition.name} offers ${definition.actions.length === 1 ? "1 action type" : `${definition.actions.length} action types`}.` : ""}`
        }
        actions={
          count > 0 &&
          !isFull && (
            <Link
              href={`/${workspaceId}/destinations/${destinationId}/actions/new`}
              className={buttonClasses({ size: "sm" })}
            >
              Add action
            </Link>
          )
        }
      />
      <div>
        <ActionList workspaceId={workspaceId} destination={destination} definition={definition} />
      </div>
    </Card>
  );
}
