"use client";
import { useContext, useMemo } from "react";
import {
  fieldKinds,
  isPathField,
  normalizeCondition,
  operatorLabels,
  operatorsFor,
  valueTypesFor,
  type TriggerCondition,
  type TriggerFieldKind,
  type TriggerValueType,
} from "@/lib/triggers/model";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { PathPicker, PathSuggestionsContext } from "@/components/mappings/path-picker";

const EVENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"];
const typeLabels: Record<TriggerValueType, string> = { string: "text", number: "number", boolean: "true/false" };

/** One condition of the builder: field (and path), operator, typed value. */
export function ConditionRow({
  index,
  condition,
  onChange,
  onRemove,
  problem,
}: {
  index: number;
  condition: TriggerCondition;
  onChange: (condition: TriggerCondition) => void;
  onRemove?: () => void;
  problem?: string;
}) {
  const n = index + 1;
  const { field, operator, value } = condition;
  const types = valueTypesFor(field.kind, operator);
  const update = (next: TriggerCondition) => onChange(normalizeCondition(next));
  const eventPaths = useContext(PathSuggestionsContext);
  // The picker offers the event's paths under the chosen object, written the way FQL names them (no "$.").
  const suggestions = useMemo(() => {
    const prefix = `$.${field.kind}.`;
    return eventPaths
      .filter((s) => s.path.startsWith(prefix) && !s.path.includes("["))
      .map((s) => ({ ...s, path: s.path.slice(prefix.length) }));
  }, [eventPaths, field.kind]);

  return (
    <li
      data-testid={`condition-${n}`}
      className={cn("space-y-1 rounded-md border bg-white p-2", problem && "border-red-300")}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label={`Condition ${n} field`}
          className="w-full sm:w-44"
          value={field.kind}
          onChange={(e) => {
            const kind = e.target.value as TriggerFieldKind;
            const path = isPathField(field) ? field.path : "";
            update({
              ...condition,
              field:
                kind === "properties" || kind === "traits" || kind === "context" ? { kind, path } : ({ kind } as never),
            });
          }}
        >
          {fieldKinds.map((f) => (
            <option key={f.kind} value={f.kind}>
              {f.label}
            </option>
          ))}
        </Select>
        {isPathField(field) && (
          <PathPicker
            aria-label={`Condition ${n} path`}
            className="min-w-0 flex-1 basis-40"
            placeholder={field.kind === "context" ? "page.path" : "plan"}
            suggestions={suggestions}
            value={field.path}
            onChange={(path) => update({ ...condition, field: { kind: field.kind, path } })}
          />
        )}
        <Select
          aria-label={`Condition ${n} operator`}
          className="w-full sm:w-44"
          value={operator}
          onChange={(e) => update({ ...condition, operator: e.target.value as TriggerCondition["operator"] })}
        >
          {operatorsFor(field.kind).map((op) => (
            <option key={op} value={op}>
              {operatorLabels[op]}
            </option>
          ))}
        </Select>
        {types.length > 1 && (
          <Select
            aria-label={`Condition ${n} value type`}
            className="w-full sm:w-32"
            value={value?.type}
            onChange={(e) =>
              update({
                ...condition,
                value: { type: e.target.value as TriggerValueType, value: value?.value } as never,
              })
            }
          >
            {types.map((t) => (
              <option key={t} value={t}>
                {typeLabels[t]}
              </option>
            ))}
          </Select>
        )}
        {value?.type === "boolean" ? (
          <Select
            aria-label={`Condition ${n} value`}
            className="w-28"
            value={String(value.value)}
            onChange={(e) => onChange({ ...condition, value: { type: "boolean", value: e.target.value === "true" } })}
          >
            <option value="true">true</option>
            <option value="false">false</option>
          </Select>
        ) : field.kind === "type" && value?.type === "string" && (operator === "is" || operator === "is_not") ? (
          <Select
            aria-label={`Condition ${n} value`}
            className="w-full sm:w-36"
            value={value.value}
            onChange={(e) => onChange({ ...condition, value: { type: "string", value: e.target.value } })}
          >
            {!EVENT_TYPES.includes(value.value) && <option value={value.value}>{value.value || "choose…"}</option>}
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        ) : value ? (
          <Input
            aria-label={`Condition ${n} value`}
            aria-invalid={problem ? true : undefined}
            className="min-w-0 flex-1 basis-32"
            type={value.type === "number" ? "number" : "text"}
            value={value.type === "number" && Number.isNaN(value.value) ? "" : String(value.value)}
            onChange={(e) => {
              const text = e.target.value;
              // An emptied number box is NaN (a problem to fix), not a silent 0.
              const number = text.trim() === "" ? NaN : Number(text);
              onChange({
                ...condition,
                value: value.type === "number" ? { type: "number", value: number } : { type: "string", value: text },
              });
            }}
          />
        ) : null}
        {onRemove && (
          // ml-auto: every row's Remove lines up at the right, whatever its value control's width.
          <Button variant="ghost" size="sm" className="ml-auto" aria-label={`Remove condition ${n}`} onClick={onRemove}>
            Remove
          </Button>
        )}
      </div>
      {problem && (
        <p data-testid="field-error" className="text-xs font-medium text-red-600">
          {problem}
        </p>
      )}
    </li>
  );
}
