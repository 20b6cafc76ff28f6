"use client";
import { Input, Select } from "@/components/ui/input";
import { directiveKind } from "./mapping-value";
import { PathPicker } from "./path-picker";
import type { PathSuggestion } from "./event-paths";

/** A value inside a function: a path from the event or a text. Other shapes are edited in the JSON view.
 *  At least 12rem wide: in a narrow row it wraps onto its own line rather than squeezing its input. */
export function InnerValue({
  label,
  value,
  onChange,
  suggestions,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  suggestions?: PathSuggestion[];
}) {
  const isPath = directiveKind(value) === "@path";
  const path = isPath ? String((value as { "@path": unknown })["@path"]) : "";
  return (
    <div className="flex min-w-48 flex-1 gap-2">
      <Select
        aria-label={`${label}: kind`}
        className="w-24 shrink-0"
        value={isPath ? "path" : "text"}
        onChange={(e) => onChange(e.target.value === "path" ? { "@path": "$." } : "")}
      >
        <option value="path">Path</option>
        <option value="text">Text</option>
      </Select>
      {isPath ? (
        <PathPicker
          aria-label={label}
          className="min-w-0 flex-1"
          value={path}
          suggestions={suggestions}
          onChange={(p) => onChange({ "@path": p })}
        />
      ) : (
        <Input
          aria-label={label}
          className="min-w-0 flex-1"
          value={typeof value === "string" ? value : JSON.stringify(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
