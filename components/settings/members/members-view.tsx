"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { hasRole, type Role } from "@/lib/auth/roles";
import { useMembers, useRemoveMember } from "@/lib/queries/members";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryStates } from "@/components/ui/query-states";
import { TableSkeleton } from "@/components/ui/skeleton";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { InviteMemberDialog } from "./invite-member-dialog";
import { MembersTable } from "./members-table";
import { PendingInvites } from "./pending-invites";

export interface MembersViewProps {
  workspaceId: string;
  workspaceName: string;
  userId: string;
  /** The role when the page rendered; the list's own answer wins once loaded (it may change meanwhile). */
  role: Role;
}

export function MembersView({ workspaceId, workspaceName, userId, role }: MembersViewProps) {
  const router = useRouter();
  const { toast } = useToast();
  const query = useMembers(workspaceId);
  const data = query.data;
  const leave = useRemoveMember(workspaceId);
  const [isInviting, setIsInviting] = useState(false);
  const [isLeaving, setIsLeaving] = useState(false);
  const me = data?.members.find((m) => m.userId === userId);
  const myRole = me?.role ?? role;
  const canManage = hasRole(myRole, "admin");
  // The API refuses to let the last owner leave; say so instead of offering a button that cannot work.
  const isLastOwner = myRole === "owner" && data?.members.filter((m) => m.role === "owner").length === 1;

  async function leaveWorkspace() {
    try {
      await leave.mutateAsync(me!.id);
      toast({ title: `You left ${workspaceName}`, variant: "success" });
      router.replace("/");
      router.refresh();
    } catch (err) {
      toast({ title: "Could not leave the workspace", description: (err as Error).message, variant: "error" });
      setIsLeaving(false);
    }
  }

  return (
    <QueryStates
      query={query}
      what="the members"
      loading={
        <Card>
          <TableSkeleton columns={5} rows={2} />
        </Card>
      }
    >
      {(data) => (
        <div className="space-y-6">
          <Card>
            <CardHeader
              title="Members"
              description={
                canManage
                  ? "Owners manage everything; admins manage credentials and members; members work on connections."
                  : "Only owners and admins can invite people or change roles."
              }
              actions={canManage && <Button onClick={() => setIsInviting(true)}>Invite member</Button>}
            />
            <MembersTable workspaceId={workspaceId} members={data.members} myRole={myRole} myUserId={userId} />
          </Card>

          {(canManage || data.invites.length > 0) && (
            <Card>
              <CardHeader
                title="Pending invites"
                description="Links that have not been used yet. Each works for 7 days."
              />
              {data.invites.length > 0 ? (
                <PendingInvites workspaceId={workspaceId} invites={data.invites} canRevoke={canManage} />
              ) : (
                <EmptyState
                  title="No pending invites"
                  description="Invite a teammate by email: you get a link to send them, and they choose a password when they open it."
                />
              )}
            </Card>
          )}

          {me && (
            <Card>
              <CardHeader
                title="Leave workspace"
                description={
                  isLastOwner
                    ? `You are the only owner of ${workspaceName}, so you cannot leave it: make another member an owner first.`
                    : `You lose access to ${workspaceName} until someone invites you again.`
                }
              />
              {!isLastOwner && (
                <CardBody>
                  <Button variant="danger" onClick={() => setIsLeaving(true)}>
                    Leave workspace
                  </Button>
                </CardBody>
              )}
            </Card>
          )}

          <InviteMemberDialog
            workspaceId={workspaceId}
            myRole={myRole}
            open={isInviting}
            onClose={() => setIsInviting(false)}
          />
          <ConfirmDialog
            open={isLeaving}
            onClose={() => setIsLeaving(false)}
            title={`Leave ${workspaceName}?`}
            description="You lose access to its sources, destinations and data until someone invites you again."
            confirmLabel="Leave workspace"
            isDanger
            isPending={leave.isPending}
            onConfirm={leaveWorkspace}
          />
        </div>
      )}
    </QueryStates>
  );
}
