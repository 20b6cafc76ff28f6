import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { roles, type Role } from "@/lib/auth/roles";

const variants: Record<Role, BadgeVariant> = { owner: "info", admin: "success", member: "neutral" };

export const roleLabels: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** What each role may do, for hints next to role pickers. */
export const roleHints: Record<Role, string> = {
  owner: "Everything, including other owners and deleting the workspace",
  admin: "Connections, credentials and members (except owners)",
  member: "Sources, destinations, actions and the debugger",
};

/** The roles `myRole` may give, as the API allows: only owners make owners. */
export function assignableRoles(myRole: Role): Role[] {
  return roles.filter((r) => r !== "owner" || myRole === "owner");
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge variant={variants[role]}>{roleLabels[role]}</Badge>;
}
