"use client";
import { useState } from "react";
import { useTestConnection } from "@/lib/queries/destinations";
import { Button } from "@/components/ui/button";

type Outcome = { ok: boolean; text: string };

/** Runs the definition's authentication test against the saved settings and shows its real answer. */
export function TestConnection({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const test = useTestConnection(workspaceId, destinationId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function run() {
    setOutcome(null);
    try {
      const result = await test.mutateAsync();
      setOutcome(
        result.ok
          ? { ok: true, text: result.message ?? "The destination accepted these credentials." }
          : { ok: false, text: result.error ?? result.message ?? "The destination refused these credentials." },
      );
    } catch (err) {
      setOutcome({ ok: false, text: err instanceof Error ? err.message : "The test could not run." });
    }
  }

  return (
    <div className="space-y-3">
      <Button variant="secondary" loading={test.isPending} onClick={run}>
        Test connection
      </Button>
      {outcome && (
        <p
          data-testid="test-connection-result"
          data-ok={outcome.ok}
          className={
            outcome.ok
              ? "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
              : "rounded-md bg-red-50 px-3 py-2 text-sm break-words text-red-700"
          }
        >
          <span className="font-medium">{outcome.ok ? "Connected. " : "Failed. "}</span>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
