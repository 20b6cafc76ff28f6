"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { StatusDot, type BadgeVariant } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import type { FeedConnection } from "./use-live-events";

const STATES: Record<FeedConnection, { label: string; variant: BadgeVariant }> = {
  connecting: { label: "Connecting…", variant: "neutral" },
  reconnecting: { label: "Reconnecting…", variant: "neutral" },
  live: { label: "Live", variant: "success" },
  closed: { label: "Disconnected", variant: "danger" },
};

/** The stream's state next to Pause; a stream that stopped for good says so even while paused. */
export function FeedState({ connection, isPaused }: { connection: FeedConnection; isPaused: boolean }) {
  const state =
    isPaused && connection !== "closed" ? { label: "Paused", variant: "warning" as const } : STATES[connection];
  return <StatusDot showLabel variant={state.variant} label={state.label} data-testid="feed-state" />;
}

/** The server refused the stream (401/404), so EventSource will not retry: say why and offer the ways back. */
export function FeedStopped({ onReconnect }: { onReconnect: () => void }) {
  const pathname = usePathname();
  return (
    <div
      role="alert"
      data-testid="feed-stopped"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      <p>The live feed stopped: your session ended or you no longer have access to this workspace.</p>
      <div className="flex items-center gap-2">
        <Button variant="secondary" size="sm" onClick={onReconnect}>
          Reconnect
        </Button>
        <Link href={`/login?callbackUrl=${encodeURIComponent(pathname)}`} className={buttonClasses({ size: "sm" })}>
          Sign in again
        </Link>
      </div>
    </div>
  );
}
