"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { retentionSettingsSchema, type RetentionSettingsInput } from "@/lib/schemas/settings";
import { useSettings, useUpdateSettings } from "@/lib/queries/settings";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";

/** How long the workspace keeps its events (the debugger's history), by age and by count. */
export function RetentionCard({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const { toast } = useToast();
  const { data: settings } = useSettings(workspaceId);
  const update = useUpdateSettings(workspaceId);
  const form = useForm<RetentionSettingsInput>({
    resolver: zodResolver(retentionSettingsSchema),
    // The form follows the saved settings: it resets whenever they load or change.
    values: settings && { retentionDays: settings.retentionDays, retentionMaxEvents: settings.retentionMaxEvents },
  });

  const onSubmit = useFormSubmit(form, "Could not save event retention", async (values) => {
    await update.mutateAsync(values);
    toast({ title: "Event retention saved", variant: "success" });
  });

  const { errors } = form.formState;
  return (
    <Card data-testid="retention-card">
      <CardHeader
        title="Event retention"
        description="How long the debugger can show a call. Sluice deletes the oldest calls in the background when either limit is reached."
      />
      <CardBody>
        {!settings ? (
          <Spinner label="Loading retention settings" />
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-wrap items-start gap-3">
            <Field htmlFor="retention-days" label="Keep events for (days)" error={errors.retentionDays?.message}>
              <Input
                type="number"
                min={1}
                max={365}
                className="w-40"
                disabled={!canEdit}
                {...form.register("retentionDays", { valueAsNumber: true })}
              />
            </Field>
            <Field
              htmlFor="retention-max-events"
              label="Keep at most (events)"
              error={errors.retentionMaxEvents?.message}
            >
              <Input
                type="number"
                min={1000}
                step={1000}
                className="w-48"
                disabled={!canEdit}
                {...form.register("retentionMaxEvents", { valueAsNumber: true })}
              />
            </Field>
            {canEdit && (
              <Button type="submit" className="mt-6" loading={form.formState.isSubmitting}>
                Save
              </Button>
            )}
          </form>
        )}
        {!canEdit && <p className="mt-3 text-xs text-slate-500">Only owners and admins can change retention.</p>}
      </CardBody>
    </Card>
  );
}
