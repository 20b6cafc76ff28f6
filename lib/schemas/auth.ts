import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address"));
export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(8, "Use at least 8 characters")
  .max(200, "Use at most 200 characters");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const setupSchema = z.object({
  name: z.string().trim().max(100).optional(),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z
    .string({ error: "Name your workspace" })
    .trim()
    .min(1, "Name your workspace")
    .max(100, "Use at most 100 characters"),
});
export type SetupInput = z.infer<typeof setupSchema>;
