"use client";
import { useState } from "react";
import { Textarea } from "@/components/ui/input";

/**
 * A JSON text box for a value: it reports a change only when the text parses, and says why it does not.
 * The text is kept while it is being typed; a new value from outside (restore default) replaces it.
 */
export function JsonEditor({
  label,
  value,
  onChange,
  rows = 5,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  rows?: number;
}) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2) ?? "");
  const [error, setError] = useState<string | null>(null);
  const [lastValue, setLastValue] = useState(value);
  // Outside changes only (adjusting state while rendering): our own onChange sets lastValue first, so the
  // text being typed stays as typed.
  if (JSON.stringify(value) !== JSON.stringify(lastValue)) {
    setText(JSON.stringify(value, null, 2) ?? "");
    setLastValue(value);
    setError(null);
  }
  return (
    <div className="space-y-1">
      <Textarea
        aria-label={label}
        aria-invalid={error ? true : undefined}
        rows={rows}
        spellCheck={false}
        className="font-mono text-xs"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setError(null);
            setLastValue(parsed);
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message : "Not valid JSON");
          }
        }}
      />
      {error && <p className="text-xs font-medium text-red-600">Not valid JSON yet: {error}</p>}
    </div>
  );
}
