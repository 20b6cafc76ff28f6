"use client";
import { useContext, useId } from "react";
import type { CatalogField } from "@/lib/destinations/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { errorsFor, hasPropertyRows, modeOf, valueForMode, type ValueMode } from "./mapping-value";
import { DirectiveEditor } from "./directive-editor";
import { JsonEditor } from "./json-editor";
import { PathPicker } from "./path-picker";
import { previewValue, readPath } from "./event-paths";
import { RecentEventsContext } from "./recent-events-context";

export interface MappingRowProps {
  field: CatalogField;
  value: unknown;
  defaultValue: unknown;
  onChange: (value: unknown) => void;
  /** The API's messages keyed by mapping path (`data.email`), and this row's path in the mapping. */
  errors: Record<string, string[]>;
  path: string[];
}

const modeLabels: Record<ValueMode, string> = {
  path: "Path from the event",
  static: "Static value",
  function: "Function",
  object: "Per property",
  unset: "Not sent",
};

/** One action field: label, description, type, required; its value as a path, a static value or a function. */
export function MappingRow({ field, value, defaultValue, onChange, errors, path }: MappingRowProps) {
  const id = useId();
  const mode = modeOf(field, value);
  const modes: ValueMode[] = [
    "path",
    "static",
    "function",
    ...(hasPropertyRows(field) ? ["object" as const] : []),
    "unset",
  ];
  const messages = errorsFor(errors, path, mode !== "object");
  const isDefault = JSON.stringify(value) === JSON.stringify(defaultValue);
  const isRequired = field.required === true;
  return (
    <div
      data-testid={`mapping-row-${path.join(".")}`}
      className={cn("space-y-2 py-4", messages.length > 0 && "-mx-3 rounded-md bg-red-50/60 px-3")}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <label htmlFor={id} className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
            {field.label}
            {isRequired && <Badge variant="warning">required</Badge>}
            {typeof field.required === "object" && <Badge>required in some cases</Badge>}
            <Badge>{field.multiple ? `list of ${field.type}` : field.type}</Badge>
            <code className="text-xs font-normal text-slate-400">{path.join(".")}</code>
          </label>
          {field.description && <p className="mt-0.5 max-w-3xl text-xs text-slate-500">{field.description}</p>}
        </div>
        {!isDefault && (
          <Button variant="ghost" size="sm" onClick={() => onChange(defaultValue)}>
            Restore default
          </Button>
        )}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Select
          aria-label={`${field.label}: value kind`}
          className="sm:w-52 sm:shrink-0"
          value={mode}
          onChange={(e) => onChange(valueForMode(field, e.target.value as ValueMode, value))}
        >
          {modes.map((m) => (
            <option key={m} value={m}>
              {modeLabels[m]}
            </option>
          ))}
        </Select>
        <div className="min-w-0 flex-1">
          <ValueEditor
            id={id}
            field={field}
            mode={mode}
            value={value}
            onChange={onChange}
            isInvalid={messages.length > 0}
          />
        </div>
      </div>
      {messages.map((m) => (
        <p key={m} data-testid="field-error" className="text-xs font-medium text-red-600">
          {m.charAt(0).toUpperCase() + m.slice(1)}
        </p>
      ))}
      {mode === "object" && (
        <div className="ml-2 divide-y border-l pl-4 sm:ml-6">
          {field.properties!.map((prop) => {
            const obj = value as Record<string, unknown>;
            return (
              <MappingRow
                key={prop.key}
                field={prop}
                value={obj[prop.key]}
                defaultValue={(defaultValue as Record<string, unknown> | undefined)?.[prop.key]}
                onChange={(v) => onChange(withKey(obj, prop.key, v))}
                errors={errors}
                path={[...path, prop.key]}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

function withKey(obj: Record<string, unknown>, key: string, value: unknown) {
  const next = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function ValueEditor({
  id,
  field,
  mode,
  value,
  onChange,
  isInvalid,
}: {
  id: string;
  field: CatalogField;
  mode: ValueMode;
  value: unknown;
  onChange: (value: unknown) => void;
  isInvalid: boolean;
}) {
  const events = useContext(RecentEventsContext);
  const invalid = isInvalid || undefined;
  if (mode === "unset") return <p className="py-2 text-sm text-slate-500">This field is left out of the payload.</p>;
  if (mode === "object") return <p className="py-2 text-sm text-slate-500">Each property below has its own value.</p>;
  if (mode === "function") {
    return <DirectiveEditor field={field} value={value as Record<string, unknown>} onChange={onChange} />;
  }
  if (mode === "path") {
    const path = String((value as { "@path": unknown })["@path"]);
    const sample = events[0] === undefined ? undefined : readPath(events[0], path);
    return (
      <div className="space-y-1">
        <PathPicker
          id={id}
          aria-label={`${field.label}: path`}
          aria-invalid={invalid}
          value={path}
          onChange={(p) => onChange({ "@path": p })}
        />
        {events.length > 0 && (
          <p className="truncate font-mono text-xs text-slate-500">
            Latest event: {sample === undefined ? "(no value)" : previewValue(sample, 80)}
          </p>
        )}
      </div>
    );
  }
  if (field.choices?.length && !field.multiple) {
    return (
      <Select
        id={id}
        aria-invalid={invalid}
        value={String(value)}
        onChange={(e) =>
          onChange(field.choices!.find((c) => String(c.value) === e.target.value)?.value ?? e.target.value)
        }
      >
        {!field.choices.some((c) => String(c.value) === String(value)) && (
          <option value={String(value)}>{String(value)}</option>
        )}
        {field.choices.map((c) => (
          <option key={String(c.value)} value={String(c.value)}>
            {c.label}
          </option>
        ))}
      </Select>
    );
  }
  if (field.type === "boolean" && !field.multiple) {
    return (
      <Select
        id={id}
        aria-invalid={invalid}
        value={String(value === true)}
        onChange={(e) => onChange(e.target.value === "true")}
      >
        <option value="true">true</option>
        <option value="false">false</option>
      </Select>
    );
  }
  if ((field.type === "number" || field.type === "integer") && !field.multiple) {
    return (
      <Input
        id={id}
        type="number"
        aria-invalid={invalid}
        value={typeof value === "number" ? value : String(value ?? "")}
        onChange={(e) => onChange(e.target.value === "" ? "" : Number(e.target.value))}
      />
    );
  }
  if (field.type === "object" || field.multiple || (value !== null && typeof value === "object")) {
    return <JsonEditor label={`${field.label}: value`} value={value} onChange={onChange} rows={3} />;
  }
  return (
    <Input id={id} aria-invalid={invalid} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />
  );
}
