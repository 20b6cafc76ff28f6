"use client";
import { useState } from "react";
import { formatDate } from "@/lib/format";
import type { InviteDto } from "@/lib/schemas/members";
import { useRevokeInvite } from "@/lib/queries/members";
import { Button } from "@/components/ui/button";
import { Table, TableHeader, TBody, TD, TR, type Column } from "@/components/ui/table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToastedAction } from "@/components/ui/toast";
import { RoleBadge } from "./role-badge";

export interface PendingInvitesProps {
  workspaceId: string;
  invites: InviteDto[];
  canRevoke: boolean;
}

const columns = {
  email: { label: "Email", isTitle: true, className: "font-medium text-slate-900" },
  role: { label: "Role" },
  invitedBy: { label: "Invited by" },
  sent: { label: "Sent" },
  expires: { label: "Expires" },
  actions: { label: "Actions", isActions: true, className: "text-right" },
} satisfies Record<string, Column>;

export function PendingInvites({ workspaceId, invites, canRevoke }: PendingInvitesProps) {
  const runAction = useToastedAction();
  const revoke = useRevokeInvite(workspaceId);
  const [revoking, setRevoking] = useState<InviteDto | null>(null);

  async function revokeInvite(invite: InviteDto) {
    await runAction(
      () => revoke.mutateAsync(invite.id),
      `Invite for ${invite.email} revoked`,
      "Could not revoke the invite",
    );
    setRevoking(null);
  }

  return (
    <>
      <Table isStacked>
        <TableHeader columns={columns} />
        <TBody>
          {invites.map((invite) => (
            <TR key={invite.id} data-testid="invite-row">
              <TD column={columns.email}>{invite.email}</TD>
              <TD column={columns.role}>
                <RoleBadge role={invite.role} />
              </TD>
              <TD column={columns.invitedBy}>
                {invite.invitedBy ? invite.invitedBy.name || invite.invitedBy.email : "—"}
              </TD>
              <TD column={columns.sent}>{formatDate(invite.createdAt)}</TD>
              <TD column={columns.expires}>{formatDate(invite.expiresAt)}</TD>
              <TD column={columns.actions}>
                {canRevoke && (
                  <Button variant="ghost" size="sm" onClick={() => setRevoking(invite)}>
                    Revoke
                  </Button>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke the invite for ${revoking?.email ?? ""}?`}
        description="The link stops working. You can invite them again with a new link."
        confirmLabel="Revoke invite"
        isDanger
        isPending={revoke.isPending}
        onConfirm={() => revokeInvite(revoking!)}
      />
    </>
  );
}
