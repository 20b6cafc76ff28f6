import { z } from "zod";

const workspaceName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Use at most 100 characters");

export const createWorkspaceSchema = z.object({ name: workspaceName });
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const updateWorkspaceSchema = z.object({ name: workspaceName });
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;
