"use client";
import { useState } from "react";
import { revealTrackingKey, type TrackingKey } from "@/lib/queries/tracking-keys";
import { formatDate, formatDay } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TD, TR, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

/** The tracking keys table's columns (its header is in ./tracking-keys-card.tsx). */
export const trackingKeyColumns = {
  name: { label: "Name", isTitle: true, className: "font-medium" },
  siteId: { label: "Site ID" },
  apiKey: { label: "API key" },
  created: { label: "Created" },
  lastUsed: { label: "Last used" },
  actions: { label: "Actions", isActions: true, className: "whitespace-normal" },
} satisfies Record<string, Column>;
const columns = trackingKeyColumns;

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
      <TD column={columns.name}>
        {key.name} {isRevoked && <Badge variant="danger">Revoked</Badge>}
      </TD>
      <TD column={columns.siteId}>
        <span className="inline-flex items-center gap-2">
          <code className="text-xs">{key.siteId}</code>
          <CopyButton value={key.siteId} label="Copy" />
        </span>
      </TD>
      <TD column={columns.apiKey}>
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
      <TD column={columns.created} title={formatDate(key.createdAt)}>
        {formatDay(key.createdAt)}
      </TD>
      <TD column={columns.lastUsed}>{key.lastUsedAt ? formatDate(key.lastUsedAt) : "Never"}</TD>
      <TD column={columns.actions}>
        {!isRevoked && (
          // The buttons wrap inside their cell rather than push the table wider than its box at 1280 px.
          <div className="flex flex-wrap justify-end">
            <Button size="sm" variant="ghost" onClick={() => onAction("rename")}>
              Rename
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onAction("regenerate")}>
              Regenerate
            </Button>
            <Button size="sm" variant="ghost" className="text-red-700" onClick={() => onAction("revoke")}>
              Revoke
            </Button>
          </div>
        )}
      </TD>
    </TR>
  );
}
