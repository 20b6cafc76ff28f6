"use client";
import { useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import type { CatalogAction } from "@/lib/destinations/types";
import type { Destination } from "@/lib/queries/destinations";
import { useCreateAction, useRecentEvents, useUpdateAction } from "@/lib/queries/actions";
import { ApiError } from "@/lib/api/client";
import { useSources } from "@/lib/queries/sources";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { Switch } from "@/components/destinations/switch";
import { TriggerEditor, type TriggerChange } from "@/components/triggers/trigger-editor";
import { MappingEditor } from "@/components/mappings/mapping-editor";
import { PathSuggestionsContext } from "@/components/mappings/path-picker";
import { RecentEventsContext } from "@/components/mappings/recent-events-context";
import { suggestPaths } from "@/components/mappings/event-paths";
import { fieldPathOf } from "@/components/mappings/mapping-value";
import { FormError } from "@/components/ui/form-error";
import { TestPanel } from "./test-panel";

/** JSON with sorted keys: the API may answer a mapping's keys in another order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export type ActionDraft = { name: string; enabled: boolean; trigger: string; mapping: Record<string, unknown> };
type FieldErrors = Record<string, string[]>;

/** The editor of one action (or a new one): name and switch, trigger, mapping, test. Saving sends it all. */
export function ActionForm({
  workspaceId,
  destination,
  action,
  actionId,
  initial,
}: {
  workspaceId: string;
  destination: Destination;
  action: CatalogAction;
  /** Absent for a new action: saving creates it. */
  actionId?: string;
  initial: ActionDraft;
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [saved, setSaved] = useState(initial);
  const [name, setName] = useState(initial.name);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [trigger, setTrigger] = useState<TriggerChange>({ fql: initial.trigger, problem: null });
  const [mapping, setMapping] = useState(initial.mapping);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateAction(workspaceId, destination.id);
  const update = useUpdateAction(workspaceId, destination.id, actionId ?? "");
  const { data: sources } = useSources(workspaceId);
  const recent = useRecentEvents(workspaceId, destination.sourceIds);
  const payloads = useMemo(() => recent.events.map((e) => e.payload), [recent.events]);
  const suggestions = useMemo(() => suggestPaths(payloads), [payloads]);

  const draft: ActionDraft = { name, enabled, trigger: trigger.fql, mapping };
  const isDirty = stableJson(draft) !== stableJson(saved);
  const isSaving = create.isPending || update.isPending;

  // Leaving with unsaved edits asks first (the browser's own prompt).
  useEffect(() => {
    if (!isDirty || !actionId) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty, actionId]);

  // An edit clears the API's errors about what it changed; the others stay until the next save.
  function changeTrigger(next: TriggerChange) {
    setTrigger(next);
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => k !== "trigger")));
  }
  function changeMapping(next: Record<string, unknown>) {
    const changed = new Set(
      [...Object.keys(next), ...Object.keys(mapping)].filter((k) => stableJson(next[k]) !== stableJson(mapping[k])),
    );
    setMapping(next);
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([k]) => !changed.has(fieldPathOf(k)[0] ?? ""))),
    );
  }

  async function save(): Promise<boolean> {
    if (trigger.problem) {
      setErrors({ trigger: [trigger.problem] });
      return false;
    }
    setErrors({});
    try {
      if (actionId) {
        const result = await update.mutateAsync(draft);
        setSaved({ name: result.name, enabled: result.enabled, trigger: result.trigger, mapping: result.mapping });
        toast({ title: "Action saved", variant: "success" });
      } else {
        const created = await create.mutateAsync({ actionKey: action.key, ...draft });
        toast({ title: "Action added", variant: "success" });
        router.replace(`/${workspaceId}/destinations/${destination.id}/actions/${created.id}`);
      }
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.details?.fields) setErrors(err.details.fields);
      toast({ title: "The action was not saved", description: (err as Error).message, variant: "error" });
      return false;
    }
  }

  const mappingErrors = Object.fromEntries(
    Object.entries(errors).filter(([k]) => k !== "trigger" && k !== "name" && k !== "enabled"),
  );
  // Errors no field row shows (about the mapping as a whole): said above the rows.
  const generalMappingErrors = Object.entries(mappingErrors)
    .filter(([k]) => !action.fields.some((f) => f.key === fieldPathOf(k)[0]))
    .flatMap(([, messages]) => messages);
  return (
    <PathSuggestionsContext.Provider value={suggestions}>
      <RecentEventsContext.Provider value={payloads}>
        <div className="max-w-5xl space-y-6">
          <Card>
            <CardBody className="flex flex-wrap items-start gap-4">
              <Field
                htmlFor="action-name"
                label="Action name"
                error={errors.name?.join(" ")}
                className="min-w-0 flex-1 basis-64"
              >
                <Input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
              </Field>
              <div className="space-y-1.5">
                <span className="block text-sm font-medium text-slate-700">Enabled</span>
                <div className="flex h-9 items-center gap-2 text-sm text-slate-600">
                  <Switch checked={enabled} onChange={setEnabled} label="Action enabled" />
                  {enabled ? "On: matching events are sent" : "Off: nothing is sent"}
                </div>
              </div>
            </CardBody>
          </Card>

          <Card data-testid="trigger-card">
            <CardHeader title="Trigger" description="Which events this action sends. The rest are skipped." />
            <CardBody>
              <TriggerEditor initialFql={initial.trigger} onChange={changeTrigger} error={errors.trigger?.join(" ")} />
            </CardBody>
          </Card>

          <Card>
            <CardHeader
              title="Mapping"
              description={`What ${action.title} sends: each field takes a path from the event, a static value or a function.`}
            />
            <CardBody className="py-0">
              {generalMappingErrors.length > 0 && (
                <div className="pt-4">
                  <FormError message={generalMappingErrors.join(" ")} />
                </div>
              )}
              <MappingEditor action={action} mapping={mapping} onChange={changeMapping} errors={mappingErrors} />
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Test" description="Try the action on a real event before it runs on live traffic." />
            <CardBody>
              {actionId ? (
                <TestPanel
                  workspaceId={workspaceId}
                  destinationId={destination.id}
                  actionId={actionId}
                  action={action}
                  events={recent.events}
                  sourceName={(id) => sources?.find((s) => s.id === id)?.name ?? "source"}
                  isDirty={isDirty}
                  draftKey={stableJson(draft)}
                  save={save}
                />
              ) : (
                <p className="text-sm text-slate-500">Save the action to test it with a recent event.</p>
              )}
            </CardBody>
          </Card>
        </div>
        {/* Sticky only while there is something to save, so it covers nothing otherwise. */}
        <div
          className={cn(
            "z-10 -mx-4 mt-6 border-t px-4 py-3 sm:-mx-6 sm:px-6 lg:-mx-8 lg:px-8",
            isDirty || !actionId ? "sticky bottom-0 bg-white/95 backdrop-blur" : "border-transparent",
          )}
        >
          <div className="flex max-w-5xl flex-wrap items-center justify-end gap-3">
            <span className="text-sm text-slate-500" data-testid="save-state">
              {isDirty ? "Unsaved changes" : actionId ? "All changes saved" : "Not added yet"}
            </span>
            <Button loading={isSaving} disabled={!isDirty && !!actionId} onClick={() => void save()}>
              {actionId ? "Save changes" : "Add action"}
            </Button>
          </div>
        </div>
      </RecentEventsContext.Provider>
    </PathSuggestionsContext.Provider>
  );
}
