"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useUpdateSource, type Source } from "@/lib/queries/sources";
import { rateLimitFormSchema, type RateLimitFormInput } from "@/lib/schemas/sources";
import { formatDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";

/** The source's own ingest rate limit (blank: the server's, which is none unless SLUICE_INGEST_RATE_LIMIT is set)
 *  and how many calls it has refused. */
export function SourceRateLimitForm({ workspaceId, source }: { workspaceId: string; source: Source }) {
  const { toast } = useToast();
  const update = useUpdateSource(workspaceId, source.id);
  const form = useForm<RateLimitFormInput>({
    resolver: zodResolver(rateLimitFormSchema),
    values: {
      calls: source.rateLimit === null ? "" : String(source.rateLimit),
      windowSeconds: String(source.rateLimitWindowSeconds ?? 1),
    },
  });
  const submit = useFormSubmit(form, "Could not save the rate limit", async (input) => {
    const calls = input.calls.trim();
    await update.mutateAsync({
      rateLimit: calls === "" ? null : { calls: Number(calls), windowSeconds: Number(input.windowSeconds) },
    });
    toast({ title: "Rate limit saved", variant: "success" });
  });
  return (
    <Card data-testid="source-rate-limit">
      <CardHeader
        title="Rate limit"
        description="Off unless you set one. Calls past the limit are answered 429 with Retry-After (SDKs wait and retry) and are not stored; every other call is unaffected."
      />
      <CardBody className="space-y-4">
        <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3">
          <Field
            htmlFor="source-rate-limit-calls"
            label="Calls per window"
            hint="Blank: the server's default (none unless SLUICE_INGEST_RATE_LIMIT is set). 0: no limit."
            error={form.formState.errors.calls?.message}
            className="min-w-48 flex-1"
          >
            <Input inputMode="numeric" placeholder="No limit" {...form.register("calls")} />
          </Field>
          <Field
            htmlFor="source-rate-limit-window"
            label="Window (seconds)"
            error={form.formState.errors.windowSeconds?.message}
            className="w-36"
          >
            <Input inputMode="numeric" {...form.register("windowSeconds")} />
          </Field>
          <Button type="submit" className="mt-6.5" loading={form.formState.isSubmitting}>
            Save
          </Button>
        </form>
        <p className="text-sm text-slate-600" data-testid="source-limited-calls">
          {source.limitedCalls === 0
            ? "No call has been refused by a rate limit."
            : `${source.limitedCalls.toLocaleString("en-US")} ${source.limitedCalls === 1 ? "call" : "calls"} refused with 429${
                source.lastLimitedAt ? `, the last ${formatDate(source.lastLimitedAt)}` : ""
              }.`}
        </p>
      </CardBody>
    </Card>
  );
}
