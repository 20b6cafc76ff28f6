import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { Role } from "@/lib/auth/roles";

const variants: Record<Role, BadgeVariant> = { owner: "info", admin: "success", member: "neutral" };

export const roleLabels: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** What each role may do, for hints next to role pickers. */
export const roleHints: Record<Role, string> = {
  owner: "Everything, including other owners and deleting the workspace",
  admin: "Connections, credentials and members (except owners)",
  member: "Sources, destinations, actions and the debugger",
};

export function RoleBadge({ role }: { role: Role }) {
  return <Badge variant={variants[role]}>{roleLabels[role]}</Badge>;
}
