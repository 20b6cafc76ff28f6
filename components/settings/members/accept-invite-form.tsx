"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  acceptInviteExistingUserSchema,
  acceptInviteNewUserSchema,
  type AcceptInviteNewUserInput,
  type InvitePreviewDto,
} from "@/lib/schemas/members";
import { ApiError, apiFetch, applyFieldErrors } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { FormError } from "@/components/ui/form-error";
import { useIsHydrated } from "@/lib/hooks/use-is-hydrated";

type AcceptValues = AcceptInviteNewUserInput;

export function AcceptInviteForm({ token, invite }: { token: string; invite: InvitePreviewDto }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // An existing account proves itself with its password; a new one chooses a name and a password.
  const schema = invite.hasAccount ? acceptInviteExistingUserSchema : acceptInviteNewUserSchema;
  const form = useForm<AcceptValues>({
    resolver: zodResolver(schema) as Resolver<AcceptValues>,
    defaultValues: { name: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const isHydrated = useIsHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const joined = await apiFetch<{ workspaceId: string; email: string }>(`/api/invites/${token}/accept`, {
        body: values,
      });
      const res = await signIn("credentials", { email: joined.email, password: values.password, redirect: false });
      if (!res || res.error) throw new Error("You joined the workspace, but signing in failed: sign in to continue.");
      router.replace(`/${joined.workspaceId}/connections`);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) form.setError("password", { message: err.message });
      else setError(applyFieldErrors(err, form.setError));
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field
        htmlFor="email"
        label="Email"
        hint={invite.hasAccount ? "You already have a Sluice account: enter its password to join." : undefined}
      >
        <Input type="email" value={invite.email} readOnly disabled />
      </Field>
      {!invite.hasAccount && (
        <Field htmlFor="name" label="Your name" hint="Optional" error={errors.name?.message}>
          <Input autoComplete="name" autoFocus {...form.register("name")} />
        </Field>
      )}
      <Field
        htmlFor="password"
        label="Password"
        hint={invite.hasAccount || errors.password ? undefined : "At least 8 characters"}
        error={errors.password?.message}
        isRequired
      >
        <Input
          type="password"
          autoComplete={invite.hasAccount ? "current-password" : "new-password"}
          autoFocus={invite.hasAccount}
          {...form.register("password")}
        />
      </Field>
      <FormError message={error} />
      <Button type="submit" className="w-full" loading={isSubmitting} disabled={!isHydrated}>
        Join {invite.workspace.name}
      </Button>
    </form>
  );
}
