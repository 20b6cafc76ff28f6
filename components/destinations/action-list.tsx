"use client";
import Link from "next/link";
import type { CatalogDestination } from "@/lib/destinations/types";
import { useToggleAction, type Destination } from "@/lib/queries/destinations";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { Switch } from "./switch";

/** A destination's actions: name, type, trigger, an on/off switch and a link to its editor. */
export function ActionList({
  workspaceId,
  destination,
  definition,
}: {
  workspaceId: string;
  destination: Destination;
  definition: CatalogDestination | undefined;
}) {
  const { toast } = useToast();
  const toggle = useToggleAction(workspaceId, destination.id);
  const base = `/${workspaceId}/destinations/${destination.id}/actions`;
  const titleOf = (key: string) => definition?.actions.find((a) => a.key === key)?.title ?? key;

  async function setEnabled(actionId: string, name: string, enabled: boolean) {
    try {
      await toggle.mutateAsync({ actionId, enabled });
      toast({ title: `${name} ${enabled ? "on" : "off"}`, variant: "success" });
    } catch (err) {
      toast({
        title: `Could not turn ${name} ${enabled ? "on" : "off"}`,
        description: (err as Error).message,
        variant: "error",
      });
    }
  }

  if (!destination.actions.length) {
    return (
      <EmptyState
        title="No actions yet"
        description="An action decides when to send (a trigger) and what to send (a mapping). Add one to start delivering events."
        action={
          <Link href={`${base}/new`} className={buttonClasses()}>
            Add action
          </Link>
        }
      />
    );
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="action-list">
      {destination.actions.map((action) => (
        <li key={action.id} className="flex items-center gap-4 px-5 py-3" data-testid="action-row">
          <Switch
            checked={action.enabled}
            disabled={toggle.isPending && toggle.variables?.actionId === action.id}
            onChange={(enabled) => void setEnabled(action.id, action.name, enabled)}
            label={`${action.name} on`}
          />
          <Link href={`${base}/${action.id}`} className="group min-w-0 flex-1">
            <span className="block font-medium break-words text-slate-900 group-hover:text-indigo-600">
              {action.name}
            </span>
            <span className="block text-xs text-slate-500">{titleOf(action.actionKey)}</span>
            <code className="mt-1 block truncate font-mono text-xs text-slate-600" title={action.trigger}>
              {action.trigger || "No trigger: matches nothing"}
            </code>
          </Link>
          <Link
            href={`${base}/${action.id}`}
            className={buttonClasses({ variant: "secondary", size: "sm", className: "shrink-0" })}
          >
            Edit
          </Link>
        </li>
      ))}
    </ul>
  );
}
