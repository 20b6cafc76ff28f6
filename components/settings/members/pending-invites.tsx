"use client";
import { useState } from "react";
import { formatDate } from "@/lib/format";
import type { InviteDto } from "@/lib/schemas/members";
import { useRevokeInvite } from "@/lib/queries/members";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToastedAction } from "@/components/ui/toast";
import { RoleBadge } from "./role-badge";

export interface PendingInvitesProps {
  workspaceId: string;
  invites: InviteDto[];
  canRevoke: boolean;
}

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
        <THead>
          <tr>
            <TH>Email</TH>
            <TH>Role</TH>
            <TH>Invited by</TH>
            <TH>Sent</TH>
            <TH>Expires</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {invites.map((invite) => (
            <TR key={invite.id} data-testid="invite-row">
              <TD className="font-medium text-slate-900">{invite.email}</TD>
              <TD label="Role">
                <RoleBadge role={invite.role} />
              </TD>
              <TD label="Invited by">{invite.invitedBy ? invite.invitedBy.name || invite.invitedBy.email : "—"}</TD>
              <TD label="Sent">{formatDate(invite.createdAt)}</TD>
              <TD label="Expires">{formatDate(invite.expiresAt)}</TD>
              <TD className="text-right">
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
