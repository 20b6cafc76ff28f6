"use client";
import type { BadgeVariant } from "@/components/ui/badge";
import { CodeBlock } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";
import type { JourneyStatus } from "@/lib/eventlog/journey";
import { formatEventTime } from "@/lib/format";
import { useDeliveryDetail } from "@/lib/queries/deliveries";
import type { DeliveryAttemptDto } from "@/lib/schemas/deliveries";

// A delivery's attempts with their requests and responses: the journey line's and Data Out row's detail.

export const statusLook: Record<JourneyStatus, { variant: BadgeVariant; label: string }> = {
  delivered: { variant: "success", label: "Delivered" },
  pending: { variant: "neutral", label: "Pending" },
  retrying: { variant: "warning", label: "Retrying" },
  failed: { variant: "danger", label: "Failed" },
  dead: { variant: "danger", label: "Dead" },
  discarded: { variant: "neutral", label: "Discarded" },
  filtered: { variant: "neutral", label: "Filtered" },
};

function pretty(body: string | null | undefined): string {
  if (!body) return "(empty)";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headersText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

function Attempt({ a, isOpen }: { a: DeliveryAttemptDto; isOpen: boolean }) {
  return (
    <details className="rounded-md border border-slate-200" open={isOpen} data-testid="delivery-attempt">
      <summary className="cursor-pointer px-3 py-2 text-xs text-slate-700">
        Attempt {a.attempt} · {formatEventTime(a.startedAt)} ·{" "}
        <span className={a.ok ? "text-emerald-700" : "text-red-700"}>
          {a.statusCode !== null ? `HTTP ${a.statusCode}` : a.ok ? "OK" : "No response"}
        </span>{" "}
        · {a.durationMs} ms
      </summary>
      <div className="space-y-2 border-t border-slate-200 p-3">
        {a.error && <p className="text-xs break-words text-red-700">{a.error}</p>}
        {a.request && (
          <div className="space-y-1">
            <p className="text-xs font-medium text-slate-600">Request</p>
            <CodeBlock
              data-testid="attempt-request"
              code={`${a.request.method} ${a.request.url}\n${headersText(a.request.headers)}\n\n${pretty(a.request.body)}`}
              language="http"
            />
          </div>
        )}
        {a.response && (
          <div className="space-y-1">
            <p className="text-xs font-medium text-slate-600">Response · HTTP {a.response.status}</p>
            <CodeBlock data-testid="attempt-response" code={pretty(a.response.body)} language="json" />
          </div>
        )}
      </div>
    </details>
  );
}

/** The delivery's mapped payload (what the last attempt sent) and every attempt, newest open. */
export function DeliveryAttempts({
  workspaceId,
  deliveryId,
  version,
}: {
  workspaceId: string;
  deliveryId: string;
  /** Changes when the delivery does (attempts, time): the detail is read again. */
  version: string;
}) {
  const detail = useDeliveryDetail(workspaceId, deliveryId, version);
  if (detail.isPending) return <Spinner label="Loading the attempts" />;
  if (detail.error) return <p className="text-xs text-red-700">Could not load the attempts: {detail.error.message}</p>;
  const attempts = detail.data.attemptLog;
  const last = attempts[attempts.length - 1];
  return (
    <div className="space-y-2">
      {last?.request?.body && (
        <div className="space-y-1">
          <p className="text-xs font-medium text-slate-600">Mapped payload</p>
          <CodeBlock data-testid="mapped-payload" code={pretty(last.request.body)} language="json" />
        </div>
      )}
      {attempts.length === 0 ? (
        <p className="text-xs text-slate-500">No attempt recorded yet.</p>
      ) : (
        [...attempts].reverse().map((a, i) => <Attempt key={`${a.attempt}-${a.startedAt}`} a={a} isOpen={i === 0} />)
      )}
    </div>
  );
}
