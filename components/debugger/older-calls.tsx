"use client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import type { HistoryStep, SearchedSpan } from "./history-paging";
import { MAX_ROWS } from "./use-live-events";

export type OlderCalls = { step: HistoryStep; isLoading: boolean; error: Error | null; load: () => void };

const count = new Intl.NumberFormat("en-US");

function describeSearch({ calls, isFromNewest }: SearchedSpan): string {
  return isFromNewest ? `the latest ${count.format(calls)} calls` : `${count.format(calls)} older calls`;
}

function Searching({ label }: { label: string }) {
  return (
    <p className="flex items-center justify-center gap-2 p-4 text-sm text-slate-500" aria-live="polite">
      <Spinner /> {label}
    </p>
  );
}

/** Below the table: older history loading, why it stopped, and the button to go on. */
export function OlderCallsFooter({ older }: { older: OlderCalls }) {
  const { step, error } = older;
  if (step.kind === "full") {
    return <p className="p-3 text-center text-xs text-slate-500">Showing the latest {MAX_ROWS} calls.</p>;
  }
  if (older.isLoading) return <Searching label="Loading older calls…" />;
  if (step.kind === "end") return null;
  const note = error
    ? `Could not load older calls: ${error.message}`
    : step.kind === "budget"
      ? `Searched ${describeSearch(step.searched)} for more matches.`
      : null;
  return (
    <div className="flex flex-wrap items-center justify-center gap-3 p-3">
      {note && (
        <p className="text-xs text-slate-500" data-testid="older-calls-note">
          {note}
        </p>
      )}
      <Button variant="secondary" size="sm" onClick={older.load}>
        {error ? "Try again" : "Load older calls"}
      </Button>
    </div>
  );
}

/** With nothing in view: older calls are still being searched, or are left to search. */
export function shouldShowOlderSearch(older: OlderCalls): boolean {
  return older.isLoading || older.error !== null || older.step.kind === "budget";
}

/**
 * Nothing in view, but older calls are left (see shouldShowOlderSearch): still searching, or stopped after its
 * budget (see history-paging.ts) with an honest account of how far it looked.
 */
export function OlderCallsEmptyState({ older }: { older: OlderCalls }) {
  const { step, error } = older;
  if (older.isLoading) return <Searching label="Searching older calls…" />;
  if (error || step.kind !== "budget") {
    return (
      <EmptyState
        title="Could not search older calls"
        description={error?.message ?? "Try again."}
        action={<SearchOlderButton onClick={older.load} />}
      />
    );
  }
  return (
    <EmptyState
      title={`No matches in ${describeSearch(step.searched)}`}
      description="Older calls may still match: search further back. New matching calls appear here as they arrive."
      action={<SearchOlderButton onClick={older.load} />}
    />
  );
}

function SearchOlderButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="secondary" onClick={onClick}>
      Search older calls
    </Button>
  );
}
