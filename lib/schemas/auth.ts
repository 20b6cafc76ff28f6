import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"));
export const passwordSchema = z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const setupSchema = z.object({
  name: z.string().trim().max(100).optional(),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(1, "Name your workspace").max(100, "Use at most 100 characters"),
});
export type SetupInput = z.infer<typeof setupSchema>;
