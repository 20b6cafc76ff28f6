"use client";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useCreateSource } from "@/lib/queries/sources";
import { createSourceSchema, type CreateSourceInput } from "@/lib/schemas/sources";
import type { SourceCatalogEntry } from "@/lib/sources";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { SourceIcon } from "./source-icon";

const examples: Record<string, string> = {
  website: "company website",
  server: "billing service",
  mobile: "iOS app",
  other: "data warehouse",
};

export function NameSourceForm(props: {
  workspaceId: string;
  entry: SourceCatalogEntry;
  /** Connect the new source to the Journeys destination (the option under the form). */
  connectJourneys: boolean;
  onBack: () => void;
}) {
  const { workspaceId, entry, connectJourneys, onBack } = props;
  const router = useRouter();
  const { toast } = useToast();
  const create = useCreateSource(workspaceId);
  const form = useForm<CreateSourceInput>({
    resolver: zodResolver(createSourceSchema),
    defaultValues: { type: entry.type, name: "" },
  });
  const submit = useFormSubmit(form, "Could not create the source", async (input) => {
    const source = await create.mutateAsync({ ...input, connectJourneys });
    toast({ title: "Source created", description: "Install it, then send a first event.", variant: "success" });
    router.push(`/${workspaceId}/sources/${source.id}`);
  });
  const errors = form.formState.errors;
  return (
    <Card className="max-w-xl">
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-5">
          <div className="flex items-center gap-3">
            <SourceIcon type={entry.type} />
            <div>
              <p className="font-medium text-slate-900">{entry.name}</p>
              <p className="text-sm text-slate-500">{entry.description}</p>
            </div>
          </div>
          <input type="hidden" {...form.register("type")} />
          <Field
            htmlFor="source-name"
            label="Name"
            isRequired
            hint={`Name the medium and the property, e.g. “${entry.name} — ${examples[entry.category] ?? "production"}”. You can rename it later.`}
            error={errors.name?.message ?? errors.type?.message}
          >
            <Input
              autoFocus
              placeholder={`${entry.name} — ${examples[entry.category] ?? "production"}`}
              {...form.register("name")}
            />
          </Field>
          <div className="flex justify-between gap-2">
            <Button variant="ghost" onClick={onBack}>
              ← Choose another type
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              Create source
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
