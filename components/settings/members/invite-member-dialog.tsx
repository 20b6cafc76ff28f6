"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { createInviteSchema } from "@/lib/schemas/members";
import type { Role } from "@/lib/auth/roles";
import { useCreateInvite } from "@/lib/queries/members";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { assignableRoles, roleHints, roleLabels } from "./role-badge";

type InviteValues = z.input<typeof createInviteSchema>;

export interface InviteMemberDialogProps {
  workspaceId: string;
  /** The inviter's role: only owners may invite owners. */
  myRole: Role;
  open: boolean;
  onClose: () => void;
}

type Created = { email: string; url: string; emailed: boolean };

export function InviteMemberDialog({ workspaceId, myRole, open, onClose }: InviteMemberDialogProps) {
  const [created, setCreated] = useState<Created | null>(null);

  function handleClose() {
    setCreated(null);
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={handleClose}
      title={created ? "Invite link created" : "Invite a member"}
      description={
        created
          ? created.emailed
            ? `We emailed this link to ${created.email}. You can also copy it now: it is shown only once and works for 7 days.`
            : `Send this link to ${created.email}. It is shown only once and works for 7 days.`
          : "They get a link to join this workspace with the role you choose."
      }
    >
      {open && !created && (
        <InviteForm workspaceId={workspaceId} myRole={myRole} onCreated={setCreated} onCancel={handleClose} />
      )}
      {created && (
        <>
          <div className="flex items-center gap-2">
            <code
              data-testid="invite-url"
              className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 text-xs"
            >
              {created.url}
            </code>
            <CopyButton value={created.url} label="Copy link" />
          </div>
          <DialogFooter>
            <Button onClick={handleClose}>Done</Button>
          </DialogFooter>
        </>
      )}
    </Dialog>
  );
}

function InviteForm({
  workspaceId,
  myRole,
  onCreated,
  onCancel,
}: {
  workspaceId: string;
  myRole: Role;
  onCreated: (created: Created) => void;
  onCancel: () => void;
}) {
  const { toast } = useToast();
  const create = useCreateInvite(workspaceId);
  const form = useForm<InviteValues, unknown, z.output<typeof createInviteSchema>>({
    resolver: zodResolver(createInviteSchema),
    defaultValues: { email: "", role: "member" },
  });
  const { errors, isSubmitting } = form.formState;
  const role = useWatch({ control: form.control, name: "role" }) as Role;
  const choices = assignableRoles(myRole);

  const onSubmit = useFormSubmit(form, "Could not create the invite", async (values) => {
    const { invite, url, email } = await create.mutateAsync(values);
    toast(
      email.error
        ? { title: `Invite created, but not emailed`, description: email.error, variant: "error" }
        : { title: `Invite for ${invite.email} created`, variant: "success" },
    );
    onCreated({ email: invite.email, url, emailed: email.emailed });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field htmlFor="invite-email" label="Email" error={errors.email?.message} isRequired>
        <Input type="email" autoComplete="off" autoFocus {...form.register("email")} />
      </Field>
      <Field htmlFor="invite-role" label="Role" hint={roleHints[role]} error={errors.role?.message}>
        <Select {...form.register("role")}>
          {choices.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </Select>
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={isSubmitting}>
          Create invite link
        </Button>
      </DialogFooter>
    </form>
  );
}
