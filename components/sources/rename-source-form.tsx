"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useUpdateSource, type Source } from "@/lib/queries/sources";
import { renameSourceSchema, type RenameSourceInput } from "@/lib/schemas/sources";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";

export function RenameSourceForm({ workspaceId, source }: { workspaceId: string; source: Source }) {
  const { toast } = useToast();
  const update = useUpdateSource(workspaceId, source.id);
  const form = useForm<RenameSourceInput>({
    resolver: zodResolver(renameSourceSchema),
    values: { name: source.name },
  });
  const submit = useFormSubmit(form, "Could not rename the source", async (input) => {
    await update.mutateAsync(input);
    toast({ title: "Source renamed", variant: "success" });
  });
  return (
    <Card>
      <CardHeader title="Name" />
      <CardBody>
        <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3">
          <Field
            htmlFor="source-rename"
            label="Source name"
            hint="Name the medium and the property, e.g. “JavaScript — company website”."
            error={form.formState.errors.name?.message}
            className="min-w-72 flex-1"
          >
            <Input {...form.register("name")} />
          </Field>
          <Button type="submit" className="mt-6.5" loading={form.formState.isSubmitting}>
            Save
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
