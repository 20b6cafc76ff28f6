"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { usePerson, usePersonAction } from "@/lib/queries/people";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryStates } from "@/components/ui/query-states";
import { PageHeaderSkeleton } from "@/components/ui/skeleton";
import { useToastedAction } from "@/components/ui/toast";
import { PageHeader } from "@/components/shell/page-header";
import { PersonActivity } from "./person-activity";
import { PersonAttributes, PersonDevices, PersonIdentifiers, PersonRelationships } from "./person-details";
import { personLabel } from "./format-value";

const CONFIRM = {
  delete: {
    title: "Delete this person?",
    description: "Their profile, activity, devices and relationships are deleted. A later identify creates them again.",
    label: "Delete person",
    done: "Person deleted",
  },
  suppress: {
    title: "Suppress this person?",
    description:
      "Their profile is deleted and their id and email are blocked: later calls for them are ignored until they are unsuppressed through the Track API.",
    label: "Suppress person",
    done: "Person suppressed",
  },
} as const;

export function PersonView({ workspaceId, personId }: { workspaceId: string; personId: string }) {
  const query = usePerson(workspaceId, personId);
  const action = usePersonAction(workspaceId, personId);
  const run = useToastedAction();
  const router = useRouter();
  const [asking, setAsking] = useState<"delete" | "suppress" | null>(null);
  const confirm = asking ? CONFIRM[asking] : null;
  const back = (
    <Link href={`/${workspaceId}/people`} className="text-sm text-slate-500 hover:text-slate-900">
      ← All people
    </Link>
  );
  return (
    <QueryStates query={query} what="this person" loading={<PageHeaderSkeleton label="Loading the person" />}>
      {(person) => (
        <>
          <div className="mb-2">{back}</div>
          <PageHeader
            title={personLabel(person)}
            description={person.email && person.externalId ? person.email : undefined}
            actions={
              <>
                <Button variant="secondary" size="sm" onClick={() => setAsking("suppress")}>
                  Suppress
                </Button>
                <Button variant="danger" size="sm" onClick={() => setAsking("delete")}>
                  Delete
                </Button>
              </>
            }
          />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            <div className="min-w-0 space-y-4 lg:col-span-2">
              <PersonAttributes person={person} />
              <PersonActivity workspaceId={workspaceId} personId={personId} />
            </div>
            <div className="min-w-0 space-y-4">
              <PersonIdentifiers person={person} />
              <PersonRelationships person={person} workspaceId={workspaceId} />
              <PersonDevices person={person} />
            </div>
          </div>
          {confirm && asking && (
            <ConfirmDialog
              open
              title={confirm.title}
              description={confirm.description}
              confirmLabel={confirm.label}
              isDanger
              isPending={action.isPending}
              onClose={() => setAsking(null)}
              onConfirm={async () => {
                const ok = await run(
                  () => action.mutateAsync(asking).then(() => true),
                  confirm.done,
                  `Could not ${asking} this person`,
                );
                setAsking(null);
                if (ok) router.push(`/${workspaceId}/people`);
              }}
            />
          )}
        </>
      )}
    </QueryStates>
  );
}
