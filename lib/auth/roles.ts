import { z } from "zod";

export const roles = ["owner", "admin", "member"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** Whether `role` is at least `required` (owner > admin > member). */
export function hasRole(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}
