"use client";
import { useState } from "react";
import { newCondition, type Trigger } from "@/lib/triggers/model";
import { parseTrigger, type FqlReading } from "@/lib/triggers/from-fql";
import { triggerToFql, TriggerError } from "@/lib/triggers/to-fql";
import { checkTrigger } from "@/lib/triggers/validate";
import { Button } from "@/components/ui/button";
import { Select, Textarea } from "@/components/ui/input";
import { ConditionRow } from "./condition-row";

export type TriggerChange = { fql: string; problem: string | null };

function write(trigger: Trigger): { fql: string | null; problem: TriggerError | null } {
  try {
    const fql = triggerToFql(trigger);
    // The same strict check the API runs (e.g. an event type that does not exist).
    const check = checkTrigger(fql);
    return { fql, problem: check.ok ? null : new TriggerError(check.message) };
  } catch (err) {
    if (err instanceof TriggerError) return { fql: null, problem: err };
    throw err;
  }
}

/**
 * The trigger as a builder (conditions joined by ALL or ANY) or as FQL text. The FQL goes to `onChange` on
 * every edit, with a problem that blocks saving when the builder cannot write what it shows. Switching back
 * from text reads the FQL into the builder when it fits exactly; otherwise the text editor stays, and says why.
 */
export function TriggerEditor({
  initialFql,
  onChange,
  error,
}: {
  initialFql: string;
  onChange: (change: TriggerChange) => void;
  /** The API's message when it refused the trigger. */
  error?: string;
}) {
  const [initial] = useState(() => parseTrigger(initialFql));
  const [mode, setMode] = useState<"builder" | "fql">(initial.fits ? "builder" : "fql");
  const [trigger, setTrigger] = useState<Trigger>(
    initial.fits ? initial.trigger : { combinator: "all", conditions: [newCondition()] },
  );
  const [text, setText] = useState(initialFql);
  const [notice, setNotice] = useState<Extract<FqlReading, { fits: false }> | null>(initial.fits ? null : initial);
  const written = write(trigger);

  function changeTrigger(next: Trigger) {
    setTrigger(next);
    const { fql, problem } = write(next);
    onChange({ fql: fql ?? text, problem: problem?.message ?? null });
    if (fql !== null) setText(fql);
  }

  function changeText(next: string) {
    setText(next);
    setNotice(null);
    onChange({ fql: next, problem: next.trim() ? null : 'Write a trigger, e.g. type = "track".' });
  }

  function toBuilder() {
    const reading = parseTrigger(text);
    if (reading.fits) {
      setTrigger(reading.trigger);
      setMode("builder");
      setNotice(null);
    } else setNotice(reading);
  }

  const reading = mode === "fql" ? parseTrigger(text) : null;
  return (
    <div className="space-y-3" data-testid="trigger-editor">
      {mode === "builder" ? (
        <>
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>Send events that match</span>
            <Select
              aria-label="Combine conditions"
              className="w-24"
              value={trigger.combinator}
              onChange={(e) => changeTrigger({ ...trigger, combinator: e.target.value as Trigger["combinator"] })}
            >
              <option value="all">ALL</option>
              <option value="any">ANY</option>
            </Select>
            <span>of these conditions</span>
          </div>
          <ol className="space-y-2">
            {trigger.conditions.map((c, i) => (
              <ConditionRow
                key={i}
                index={i}
                condition={c}
                problem={written.problem?.index === i ? written.problem.message : undefined}
                onChange={(next) =>
                  changeTrigger({ ...trigger, conditions: trigger.conditions.map((x, j) => (j === i ? next : x)) })
                }
                onRemove={
                  trigger.conditions.length > 1
                    ? () => changeTrigger({ ...trigger, conditions: trigger.conditions.filter((_, j) => j !== i) })
                    : undefined
                }
              />
            ))}
          </ol>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => changeTrigger({ ...trigger, conditions: [...trigger.conditions, newCondition()] })}
            >
              Add condition
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setMode("fql")}>
              Edit as FQL
            </Button>
          </div>
          {written.problem && written.problem.index === undefined && (
            <p data-testid="field-error" className="text-xs font-medium text-red-600">
              {written.problem.message}
            </p>
          )}
          <p
            className="break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-600"
            data-testid="trigger-fql"
          >
            {written.fql ?? "Fix the highlighted condition to see its FQL."}
          </p>
        </>
      ) : (
        <>
          <Textarea
            aria-label="Trigger FQL"
            aria-invalid={error || (reading?.fits === false && reading.isInvalid) ? true : undefined}
            rows={3}
            spellCheck={false}
            className="font-mono text-sm"
            value={text}
            onChange={(e) => changeText(e.target.value)}
          />
          {notice && notice.reason !== error && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="trigger-notice">
              {notice.isInvalid ? "The builder cannot read this FQL" : "This trigger is too complex for the builder"}:{" "}
              {notice.reason}
            </p>
          )}
          {!notice && reading && !reading.fits && (
            <p className="text-xs text-slate-500">
              {reading.isInvalid ? reading.reason : `The builder cannot show it: ${reading.reason}`}
            </p>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-slate-500">
              Example: <code>type = &quot;track&quot; and event = &quot;Order Completed&quot;</code>. No precedence
              between and/or: group with one level of parentheses.
            </p>
            <Button variant="ghost" size="sm" onClick={toBuilder}>
              Use the builder
            </Button>
          </div>
        </>
      )}
      {error && (
        <p data-testid="trigger-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
