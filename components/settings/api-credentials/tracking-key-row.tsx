"use client";
import { useState } from "react";
import { revealTrackingKey, type TrackingKey } from "@/lib/queries/tracking-keys";
import { formatDate } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TD, TR } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

export function TrackingKeyRow({
  workspaceId,
  trackingKey: key,
  onAction,
}: {
  workspaceId: string;
  trackingKey: TrackingKey;
  onAction: (kind: "rename" | "regenerate" | "revoke") => void;
}) {
  const { toast } = useToast();
  const [revealed, setRevealed] = useState<string | null>(null);
  const isRevoked = key.revokedAt !== null;

  async function reveal() {
    try {
      setRevealed((await revealTrackingKey(workspaceId, key.id)).apiKey);
    } catch (err) {
      toast({
        title: "Could not reveal the key",
        description: err instanceof Error ? err.message : undefined,
        variant: "error",
      });
    }
  }

  return (
    <TR data-testid="tracking-key-row">
      <TD className="font-medium">
        {key.name} {isRevoked && <Badge variant="danger">Revoked</Badge>}
      </TD>
      <TD label="Site ID">
        <span className="inline-flex items-center gap-2">
          <code className="text-xs">{key.siteId}</code>
          <CopyButton value={key.siteId} label="Copy" />
        </span>
      </TD>
      <TD label="API key">
        <span className="inline-flex items-center gap-2">
          <code className="text-xs" data-testid="api-key">
            {revealed ?? key.apiKeyMasked}
          </code>
          {!isRevoked &&
            (revealed ? (
              <>
                <CopyButton value={revealed} />
                <Button size="sm" variant="ghost" onClick={() => setRevealed(null)}>
                  Hide
                </Button>
              </>
            ) : (
              <Button size="sm" variant="ghost" onClick={reveal}>
                Reveal
              </Button>
            ))}
        </span>
      </TD>
      <TD label="Created">{formatDate(key.createdAt)}</TD>
      <TD label="Last used">{key.lastUsedAt ? formatDate(key.lastUsedAt) : "Never"}</TD>
      <TD className="whitespace-nowrap text-right">
        {!isRevoked && (
          <>
            <Button size="sm" variant="ghost" onClick={() => onAction("rename")}>
              Rename
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onAction("regenerate")}>
              Regenerate
            </Button>
            <Button size="sm" variant="ghost" className="text-red-700" onClick={() => onAction("revoke")}>
              Revoke
            </Button>
          </>
        )}
      </TD>
    </TR>
  );
}
