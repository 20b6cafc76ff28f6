import { z } from "zod";
import { roles, type Role } from "@/lib/auth/roles";
import { emailSchema, passwordSchema } from "@/lib/schemas/auth";

const memberRole = z.enum(roles, { error: "Choose owner, admin or member" });

export const createInviteSchema = z.object({ email: emailSchema, role: memberRole });
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

export const updateMemberSchema = z.object({ role: memberRole });
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

/** Accepting as someone without an account: the invite's email becomes theirs, with this password. */
export const acceptInviteNewUserSchema = z.object({
  name: z.string().trim().max(100, "Use at most 100 characters").optional(),
  password: passwordSchema,
});
export type AcceptInviteNewUserInput = z.infer<typeof acceptInviteNewUserSchema>;

/** Accepting as an existing user: their current password proves the invite's email is theirs. */
export const acceptInviteExistingUserSchema = z.object({
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
});
export type AcceptInviteExistingUserInput = z.infer<typeof acceptInviteExistingUserSchema>;

// DTOs: what the management API answers, shared by the data module and the browser hooks.
export type MemberDto = {
  id: string; // the membership id
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: string;
};

export type InviteDto = {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  invitedBy: { id: string; email: string; name: string | null } | null;
};

export type MembersListDto = { members: MemberDto[]; invites: InviteDto[] };

export type InvitePreviewDto = {
  workspace: { id: string; name: string };
  email: string;
  role: Role;
  hasAccount: boolean;
  expiresAt: string;
};
