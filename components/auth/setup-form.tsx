"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { setupSchema } from "@/lib/schemas/auth";
import { apiFetch, applyFieldErrors } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { FormError } from "@/components/ui/form-error";
import { useIsHydrated } from "@/lib/hooks/use-is-hydrated";

type SetupValues = z.input<typeof setupSchema>;

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetupValues, unknown, z.output<typeof setupSchema>>({
    resolver: zodResolver(setupSchema),
    defaultValues: { name: "", email: "", password: "", workspaceName: "My workspace" },
  });
  const { errors, isSubmitting } = form.formState;
  const isHydrated = useIsHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const { workspaceId } = await apiFetch<{ workspaceId: string }>("/api/setup", { body: values });
      const res = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      if (!res || res.error) throw new Error("Your account was created, but signing in failed: sign in to continue.");
      router.replace(`/${workspaceId}/connections`);
      router.refresh();
    } catch (err) {
      setError(applyFieldErrors(err, form.setError));
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field htmlFor="name" label="Your name" hint="Optional">
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <Field htmlFor="email" label="Email" error={errors.email?.message} isRequired>
        <Input type="email" autoComplete="email" {...form.register("email")} />
      </Field>
      <Field
        htmlFor="password"
        label="Password"
        hint={errors.password ? undefined : "At least 8 characters"}
        error={errors.password?.message}
        isRequired
      >
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <Field
        htmlFor="workspaceName"
        label="Workspace name"
        hint="Usually your company or project; you can add more workspaces later"
        error={errors.workspaceName?.message}
        isRequired
      >
        <Input {...form.register("workspaceName")} />
      </Field>
      <FormError message={error} />
      <Button type="submit" className="w-full" loading={isSubmitting} disabled={!isHydrated}>
        Create owner account
      </Button>
    </form>
  );
}
