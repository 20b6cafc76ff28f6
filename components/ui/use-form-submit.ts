"use client";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { applyFieldErrors } from "@/lib/api/client";
import { useToast } from "./toast";

/**
 * The submit handler of a management-API form: validates, then runs `onValid`. When it throws, a 422's field
 * errors land on their inputs and any other failure is toasted as `failure` with the error's message.
 */
export function useFormSubmit<TFieldValues extends FieldValues, TTransformedValues = TFieldValues>(
  form: UseFormReturn<TFieldValues, unknown, TTransformedValues>,
  failure: string,
  onValid: (values: TTransformedValues) => Promise<unknown>,
) {
  const { toast } = useToast();
  return form.handleSubmit(async (values) => {
    try {
      await onValid(values);
    } catch (err) {
      const message = applyFieldErrors(err, form.setError);
      if (message) toast({ title: failure, description: message, variant: "error" });
    }
  });
}
