"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { mergeWindowSettingsSchema, type MergeWindowSettingsInput } from "@/lib/schemas/settings";
import { useSettings, useUpdateSettings } from "@/lib/queries/settings";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";

/** How long the people store holds a visitor's anonymous activity for, waiting for them to be identified. */
export function MergeWindowCard({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const { toast } = useToast();
  const { data: settings } = useSettings(workspaceId);
  const update = useUpdateSettings(workspaceId);
  const form = useForm<MergeWindowSettingsInput>({
    resolver: zodResolver(mergeWindowSettingsSchema),
    // The form follows the saved settings: it resets whenever they load or change.
    values: settings && { anonymousMergeWindow: settings.anonymousMergeWindow },
  });

  const onSubmit = useFormSubmit(form, "Could not save the merge window", async (values) => {
    await update.mutateAsync(values);
    toast({ title: "Merge window saved", variant: "success" });
  });

  const { errors } = form.formState;
  return (
    <Card data-testid="merge-window-card">
      <CardHeader
        title="Anonymous merge window"
        description="Page views, events and group calls of a visitor not identified yet wait this long. When the visitor is identified in time they join the person's profile; older ones are discarded."
      />
      <CardBody>
        {!settings ? (
          <Spinner label="Loading the merge window" />
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-wrap items-start gap-3">
            <Field
              htmlFor="merge-window-days"
              label="Hold anonymous activity for (days)"
              error={errors.anonymousMergeWindow?.message}
            >
              <Input
                type="number"
                min={0}
                max={365}
                className="w-full"
                disabled={!canEdit}
                {...form.register("anonymousMergeWindow", { valueAsNumber: true })}
              />
            </Field>
            {canEdit && (
              <Button type="submit" className="mt-6" loading={form.formState.isSubmitting}>
                Save
              </Button>
            )}
          </form>
        )}
        {!canEdit && <p className="mt-3 text-xs text-slate-500">Only owners and admins can change the merge window.</p>}
      </CardBody>
    </Card>
  );
}
