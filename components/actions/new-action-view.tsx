"use client";
import Link from "next/link";
import { useState } from "react";
import { useCatalogDestination, useDestination } from "@/lib/queries/destinations";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { ActionForm } from "./action-form";
import { ActionHeader } from "./action-header";

/** A trigger for action types whose definition gives none: every track call, which the user then narrows. */
const FALLBACK_TRIGGER = 'type = "track"';

/** `/actions/new`: pick one of the definition's action types, then the editor with its defaults. */
export function NewActionView({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const destination = useDestination(workspaceId, destinationId);
  const definition = useCatalogDestination(destination.data?.slug);
  const [actionKey, setActionKey] = useState<string | null>(null);
  const error = destination.error ?? definition.error;
  if (error) {
    return (
      <EmptyState
        title="This destination is gone"
        description={error.message}
        action={
          <Link href={`/${workspaceId}/destinations`} className={buttonClasses()}>
            Back to Destinations
          </Link>
        }
      />
    );
  }
  if (!destination.data || !definition.data) return <Spinner label="Loading the destination" />;
  const chosen = definition.data.actions.find((a) => a.key === actionKey);
  const header = (title: string, subtitle: string) => (
    <ActionHeader
      workspaceId={workspaceId}
      destination={destination.data}
      definition={definition.data}
      title={title}
      subtitle={subtitle}
    />
  );

  if (!chosen) {
    return (
      <>
        {header("Add an action", `Choose what ${definition.data.name} should do with matching events.`)}
        <ul className="grid max-w-5xl gap-3 sm:grid-cols-2" data-testid="action-types">
          {definition.data.actions.map((a) => (
            <li key={a.key}>
              <Card className="h-full">
                <button
                  type="button"
                  onClick={() => setActionKey(a.key)}
                  className="flex h-full w-full flex-col items-start gap-1 rounded-lg p-4 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <span className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    {a.title}
                    {a.supportsBatching && <Badge>batches</Badge>}
                  </span>
                  <span className="text-sm text-slate-500">{a.description}</span>
                  <code className="mt-1 text-xs text-slate-500">Trigger: {a.defaultTrigger ?? FALLBACK_TRIGGER}</code>
                </button>
              </Card>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <>
      {header(`New ${chosen.title} action`, `${chosen.title} · ${definition.data.name}`)}
      <ActionForm
        key={chosen.key}
        workspaceId={workspaceId}
        destination={destination.data}
        action={chosen}
        initial={{
          name: chosen.title,
          enabled: true,
          trigger: chosen.defaultTrigger ?? FALLBACK_TRIGGER,
          mapping: chosen.defaultMapping,
        }}
      />
    </>
  );
}
