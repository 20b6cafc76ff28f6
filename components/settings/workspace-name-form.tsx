"use client";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { updateWorkspaceSchema, type UpdateWorkspaceInput } from "@/lib/schemas/workspaces";
import { useUpdateWorkspace } from "@/lib/queries/workspaces";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { useIsHydrated } from "@/lib/hooks/use-is-hydrated";

export function WorkspaceNameForm({
  workspace,
  canEdit,
}: {
  workspace: { id: string; name: string };
  canEdit: boolean;
}) {
  const router = useRouter();
  const { toast } = useToast();
  const update = useUpdateWorkspace(workspace.id);
  const isHydrated = useIsHydrated();
  const form = useForm<UpdateWorkspaceInput>({
    resolver: zodResolver(updateWorkspaceSchema),
    defaultValues: { name: workspace.name },
  });

  const onSubmit = useFormSubmit(form, "Could not rename the workspace", async (values) => {
    const saved = await update.mutateAsync(values);
    form.reset({ name: saved.name });
    toast({ title: "Workspace renamed", variant: "success" });
    router.refresh();
  });

  return (
    <Card>
      <CardHeader
        title="Workspace"
        description={canEdit ? "The name everyone in this workspace sees." : "Only owners and admins can rename it."}
      />
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="flex max-w-lg items-end gap-3">
          <Field htmlFor="workspace-name" label="Name" error={form.formState.errors.name?.message} className="flex-1">
            <Input disabled={!canEdit} {...form.register("name")} />
          </Field>
          {canEdit && (
            // Enabled whatever was typed, like every settings form's Save (a disabled Save hides why it cannot be
            // pressed) — once React runs: the page is server-rendered, and a click before that would submit natively.
            <Button type="submit" loading={form.formState.isSubmitting} disabled={!isHydrated}>
              Save
            </Button>
          )}
        </form>
        <p className="mt-4 text-xs text-slate-500">
          Workspace ID <code className="rounded bg-slate-100 px-1 py-0.5">{workspace.id}</code>
        </p>
      </CardBody>
    </Card>
  );
}
