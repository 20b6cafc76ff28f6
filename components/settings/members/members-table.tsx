"use client";
import { useState } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import type { MemberDto } from "@/lib/schemas/members";
import { useRemoveMember, useUpdateMemberRole } from "@/lib/queries/members";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Table, TableHeader, TBody, TD, TR, type Column } from "@/components/ui/table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToastedAction } from "@/components/ui/toast";
import { assignableRoles, RoleBadge, roleLabels } from "./role-badge";

export interface MembersTableProps {
  workspaceId: string;
  members: MemberDto[];
  myRole: Role;
  myUserId: string;
}

/** Mirrors the API's rules so nobody is offered what the server would refuse: only owners touch owners. */
function canManage(myRole: Role, target: Role): boolean {
  return hasRole(myRole, "admin") && (myRole === "owner" || target !== "owner");
}

const columns = {
  email: { label: "Email", isTitle: true, className: "font-medium text-slate-900" },
  name: { label: "Name" },
  role: { label: "Role" },
  joined: { label: "Joined" },
  actions: { label: "Actions", isActions: true, className: "text-right" },
} satisfies Record<string, Column>;

export function MembersTable({ workspaceId, members, myRole, myUserId }: MembersTableProps) {
  const runAction = useToastedAction();
  const updateRole = useUpdateMemberRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const [removing, setRemoving] = useState<MemberDto | null>(null);
  const choices = assignableRoles(myRole);

  async function changeRole(member: MemberDto, role: Role) {
    await runAction(
      () => updateRole.mutateAsync({ id: member.id, role }),
      `${member.email} is now ${role === "admin" ? "an" : "a"} ${role}`,
      "Could not change the role",
    );
  }

  async function removeMember(member: MemberDto) {
    await runAction(() => remove.mutateAsync(member.id), `${member.email} was removed`, "Could not remove the member");
    setRemoving(null);
  }

  return (
    <>
      <Table isStacked>
        <TableHeader columns={columns} />
        <TBody>
          {members.map((m) => {
            const isMe = m.userId === myUserId;
            const isManageable = canManage(myRole, m.role);
            return (
              <TR key={m.id} data-testid="member-row">
                <TD column={columns.email}>
                  {m.email} {isMe && <Badge>You</Badge>}
                </TD>
                <TD column={columns.name}>{m.name ?? "—"}</TD>
                <TD column={columns.role}>
                  {isManageable ? (
                    <Select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={updateRole.isPending}
                      onChange={(e) => changeRole(m, e.target.value as Role)}
                      className="w-32"
                    >
                      {choices.map((r) => (
                        <option key={r} value={r}>
                          {roleLabels[r]}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <RoleBadge role={m.role} />
                  )}
                </TD>
                <TD column={columns.joined}>{formatDate(m.joinedAt)}</TD>
                <TD column={columns.actions}>
                  {isManageable && !isMe && (
                    <Button variant="ghost" size="sm" onClick={() => setRemoving(m)}>
                      Remove
                    </Button>
                  )}
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.email ?? ""}?`}
        description="They lose access to this workspace at once. You can invite them again later."
        confirmLabel="Remove member"
        isDanger
        isPending={remove.isPending}
        onConfirm={() => removeMember(removing!)}
      />
    </>
  );
}
