"use client";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { createWorkspaceSchema, type CreateWorkspaceInput } from "@/lib/schemas/workspaces";
import { useCreateWorkspace } from "@/lib/queries/workspaces";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";

export function CreateWorkspaceForm({ onCancel }: { onCancel?: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const create = useCreateWorkspace();
  const form = useForm<CreateWorkspaceInput>({
    resolver: zodResolver(createWorkspaceSchema),
    defaultValues: { name: "" },
  });

  const onSubmit = useFormSubmit(form, "Could not create the workspace", async (values) => {
    const workspace = await create.mutateAsync(values);
    toast({ title: `Workspace “${workspace.name}” created`, variant: "success" });
    router.push(`/${workspace.id}/connections`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        htmlFor="workspace-name"
        label="Workspace name"
        hint="A workspace has its own sources, destinations, people and members — e.g. one per product or environment."
        error={form.formState.errors.name?.message}
      >
        <Input autoFocus {...form.register("name")} />
      </Field>
      <DialogFooter>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" loading={form.formState.isSubmitting}>
          Create workspace
        </Button>
      </DialogFooter>
    </form>
  );
}

export function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create a workspace">
      {open && <CreateWorkspaceForm onCancel={onClose} />}
    </Dialog>
  );
}
