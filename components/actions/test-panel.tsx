"use client";
import { useState } from "react";
import type { CatalogAction } from "@/lib/destinations/types";
import type { EventDto } from "@/lib/eventlog/dto";
import { useTestAction, type ActionTestResult, type TestActionBody } from "@/lib/queries/actions";
import { formatEventTime } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/input";
import { FormError } from "@/components/ui/form-error";
import { TestResults } from "./test-results";

const SAMPLE = {
  type: "track",
  event: "Order Completed",
  userId: "user-1",
  properties: { order_id: "o-1", total: 42, currency: "USD" },
  context: { traits: { email: "jane@example.com" } },
};

function eventLabel(e: EventDto, sourceName: (id: string) => string): string {
  const what = e.name ? `${e.type} · ${e.name}` : e.type;
  return `${what} — ${e.userId ?? e.anonymousId ?? "anonymous"} · ${sourceName(e.sourceId)} · ${formatEventTime(e.receivedAt)}`;
}

/**
 * Runs the saved action on a recent event of a connected source, or on a sample edited here: "Test" shows
 * the trigger match and the mapped payload (or each field's error); "Send test event" performs it for real.
 * With unsaved edits both save first, so what is tested is what is shown.
 */
export function TestPanel({
  workspaceId,
  destinationId,
  actionId,
  action,
  events,
  sourceName,
  isDirty,
  draftKey,
  save,
}: {
  workspaceId: string;
  destinationId: string;
  actionId: string;
  action: CatalogAction;
  events: EventDto[];
  sourceName: (id: string) => string;
  isDirty: boolean;
  /** Changes whenever the editor's draft does: results of an older draft say so. */
  draftKey: string;
  /** Saves the editor's changes; false when saving failed (its errors are shown on the fields). */
  save: () => Promise<boolean>;
}) {
  const test = useTestAction(workspaceId, destinationId, actionId);
  // null until the user chooses: the newest event then, even when the events load after the panel.
  const [choice, setChoice] = useState<string | null>(null);
  const [sample, setSample] = useState(() => JSON.stringify(SAMPLE, null, 2));
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [result, setResult] = useState<{ of: string; result: ActionTestResult } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const selected = choice ?? events[0]?.id ?? "sample";
  const chosen = events.find((e) => e.id === selected);

  async function run(send: boolean) {
    setFailure(null);
    let body: TestActionBody;
    if (selected === "sample") {
      try {
        const event = JSON.parse(sample) as unknown;
        if (event === null || typeof event !== "object" || Array.isArray(event)) throw new Error("Use a JSON object");
        body = { event: event as Record<string, unknown>, send };
        setSampleError(null);
      } catch (err) {
        setSampleError(`The sample is not a JSON object: ${(err as Error).message}`);
        return;
      }
    } else body = { eventId: selected, send };
    if (isDirty && !(await save())) return;
    try {
      const answer = await test.mutateAsync(body);
      setResult({ of: draftKey, result: answer });
    } catch (err) {
      setResult(null);
      setFailure((err as Error).message);
    }
  }

  return (
    <div className="space-y-4" data-testid="test-panel">
      <Field
        htmlFor="test-event"
        label="Event"
        hint={
          events.length
            ? "The newest calls of the connected sources, or a sample you edit."
            : "No recent events from the connected sources: edit the sample."
        }
      >
        <Select value={selected} onChange={(e) => setChoice(e.target.value)}>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {eventLabel(e, sourceName)}
            </option>
          ))}
          <option value="sample">Sample JSON (edit below)</option>
        </Select>
      </Field>
      {selected === "sample" ? (
        <Field htmlFor="test-sample" label="Sample event" error={sampleError ?? undefined}>
          <Textarea
            rows={8}
            spellCheck={false}
            className="font-mono text-xs"
            value={sample}
            onChange={(e) => setSample(e.target.value)}
          />
        </Field>
      ) : (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Show this event&apos;s JSON</summary>
          <pre className="mt-2 max-h-60 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs">
            {JSON.stringify(chosen?.payload, null, 2)}
          </pre>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => (setSample(JSON.stringify(chosen?.payload, null, 2)), setChoice("sample"))}
          >
            Edit a copy as the sample
          </Button>
        </details>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          loading={test.isPending && test.variables?.send !== true}
          disabled={test.isPending}
          onClick={() => run(false)}
        >
          {isDirty ? "Save and test" : "Test"}
        </Button>
        <Button
          loading={test.isPending && test.variables?.send === true}
          disabled={test.isPending}
          onClick={() => run(true)}
        >
          {isDirty ? "Save and send test event" : "Send test event"}
        </Button>
        <span className="text-xs text-slate-500">Sending performs the action for real, at the destination.</span>
      </div>
      <FormError message={failure} />
      {result && result.of !== draftKey && (
        <p className="text-xs text-amber-700">The action changed since this test: run it again to see the change.</p>
      )}
      {result && <TestResults result={result.result} action={action} />}
    </div>
  );
}
