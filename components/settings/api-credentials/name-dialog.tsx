"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { createTrackingKeySchema, type CreateTrackingKeyInput } from "@/lib/schemas/tracking-keys";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useFormSubmit } from "@/components/ui/use-form-submit";

/** A dialog with one name field, for creating or renaming a key. */
export function NameDialog(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  initialName?: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title={props.title}>
      {props.open && <NameForm {...props} />}
    </Dialog>
  );
}

function NameForm({ submitLabel, initialName = "", onSubmit, onClose }: Parameters<typeof NameDialog>[0]) {
  const form = useForm<CreateTrackingKeyInput>({
    resolver: zodResolver(createTrackingKeySchema),
    defaultValues: { name: initialName },
  });
  const submit = useFormSubmit(form, "That did not work", ({ name }) => onSubmit(name));
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        htmlFor="key-name"
        label="Name"
        hint="Say where it is used, e.g. “Website” or “iOS app”"
        error={form.formState.errors.name?.message}
      >
        <Input autoFocus {...form.register("name")} />
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
