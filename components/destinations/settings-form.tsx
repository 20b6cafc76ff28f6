"use client";
import { useMemo, type ReactNode } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { ApiError } from "@/lib/api/client";
import type { CatalogField } from "@/lib/destinations/types";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { Field, Input } from "@/components/ui/input";
import { buildSettingsSchema, isFieldVisible, toFormValues, type SettingsFormValues } from "./settings-schema";
import { SettingsFieldInput } from "./settings-field-input";

export type SettingsFormOutput = { name: string; settings: Record<string, unknown> };
type FormValues = { name: string; settings: SettingsFormValues };

export interface SettingsFormProps {
  fields: CatalogField[];
  /** Stored settings when editing (secrets are never in them: `secretsSet` names those with a value). */
  settings?: Record<string, unknown>;
  secretsSet?: string[];
  name: string;
  submitLabel: string;
  failure: string;
  onSubmit: (output: SettingsFormOutput) => Promise<unknown>;
  /** Left of the submit button (e.g. "← Back"). */
  secondaryAction?: ReactNode;
}

/**
 * The settings form generated from a destination's settings fields, validated by the schema built from them.
 * Editing callers remount it (`key`) when the stored destination changes, so it starts from the saved values.
 */
export function SettingsForm(props: SettingsFormProps) {
  const { fields, settings, secretsSet, name, submitLabel, failure, onSubmit, secondaryAction } = props;
  const { toast } = useToast();
  const schema = useMemo(
    () =>
      z.object({
        name: z.string().trim().min(1, "Enter a name").max(100, "Use at most 100 characters"),
        settings: buildSettingsSchema(fields, { secretsSet, isEdit: settings !== undefined }),
      }),
    [fields, secretsSet, settings],
  );
  const defaultValues = useMemo(() => ({ name, settings: toFormValues(fields, settings) }), [name, fields, settings]);
  const form = useForm<FormValues, unknown, SettingsFormOutput>({ resolver: zodResolver(schema), defaultValues });
  const values = useWatch({ control: form.control, name: "settings" }) ?? defaultValues.settings;

  const submit = form.handleSubmit(async (output) => {
    try {
      await onSubmit(output);
    } catch (err) {
      const message = applyServerErrors(err, fields, form.setError);
      if (message) toast({ title: failure, description: message, variant: "error" });
    }
  });

  const shown = fields.filter((f) => isFieldVisible(f, values));
  return (
    <form onSubmit={submit} noValidate className="space-y-5" data-testid="settings-form">
      <Field
        htmlFor="destination-name"
        label="Name"
        isRequired
        hint="How it appears in Sluice, e.g. “Webhook — order notifications”."
        error={form.formState.errors.name?.message}
      >
        <Input {...form.register("name")} />
      </Field>
      {shown.map((field) => (
        <SettingsFieldInput
          key={field.key}
          field={field}
          values={values}
          isSecretSet={!!secretsSet?.includes(field.key)}
          register={form.register}
          error={form.formState.errors.settings?.[field.key]?.message}
        />
      ))}
      <div className="flex flex-wrap justify-between gap-2">
        {secondaryAction ?? <span />}
        <Button type="submit" loading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** A 422's field errors onto their inputs: the API names settings fields bare or as `settings.<key>`. */
function applyServerErrors(
  err: unknown,
  fields: CatalogField[],
  setError: (path: Path<FormValues>, error: { type: string; message: string }) => void,
): string | null {
  if (!(err instanceof ApiError) || err.status !== 422 || !err.details?.fields) {
    return err instanceof Error ? err.message : "Something went wrong";
  }
  const keys = new Set(fields.map((f) => f.key));
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(err.details.fields)) {
    const key = path.replace(/^settings\./, "").split(".")[0]!;
    const message = messages.join(" ");
    if (path === "name") setError("name", { type: "server", message });
    else if (keys.has(key)) setError(`settings.${key}` as Path<FormValues>, { type: "server", message });
    else unplaced.push(message);
  }
  return unplaced.length ? unplaced.join(" ") : null;
}
