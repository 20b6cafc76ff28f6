"use client";
import { useState } from "react";
import type { CatalogField } from "@/lib/destinations/types";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { directiveKind, directiveKinds, newDirective, type DirectiveKind } from "./mapping-value";
import { InnerValue } from "./inner-value";
import { JsonEditor } from "./json-editor";
import { ArrayPathForm, IfForm, MergeForm, Row } from "./directive-forms";

type Obj = Record<string, unknown>;
const structured = new Set<string>(directiveKinds.map((d) => d.kind));

/** A mapping-kit directive as a small form (template, if/else, case, replace, JSON, merge, list items) or JSON. */
export function DirectiveEditor({
  field,
  value,
  onChange,
}: {
  field: CatalogField;
  value: Obj;
  onChange: (value: unknown) => void;
}) {
  const kind = directiveKind(value)!;
  const [asJson, setAsJson] = useState(!structured.has(kind));
  const label = field.label;
  return (
    <div className="space-y-2 rounded-md border border-dashed border-slate-300 bg-slate-50/60 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label={`${label}: function`}
          className="w-full sm:w-56"
          value={structured.has(kind) ? kind : ""}
          onChange={(e) => {
            onChange(newDirective(e.target.value as DirectiveKind, field));
            setAsJson(false);
          }}
        >
          {!structured.has(kind) && <option value="">{kind} (JSON)</option>}
          {directiveKinds.map((d) => (
            <option key={d.kind} value={d.kind}>
              {d.label}
            </option>
          ))}
        </Select>
        {structured.has(kind) && (
          <Button variant="ghost" size="sm" onClick={() => setAsJson(!asJson)}>
            {asJson ? "Edit as form" : "Edit as JSON"}
          </Button>
        )}
      </div>
      {asJson ? (
        <JsonEditor label={`${label}: directive JSON`} value={value} onChange={onChange} />
      ) : (
        <DirectiveForm
          field={field}
          kind={kind as DirectiveKind}
          body={value[kind]}
          onChange={(b) => onChange({ [kind]: b })}
        />
      )}
    </div>
  );
}

function DirectiveForm({
  field,
  kind,
  body,
  onChange,
}: {
  field: CatalogField;
  kind: DirectiveKind;
  body: unknown;
  onChange: (body: unknown) => void;
}) {
  const o = (body ?? {}) as Obj;
  const set = (patch: Obj) => onChange({ ...o, ...patch });
  const l = field.label;
  switch (kind) {
    case "@template":
      return (
        <div className="space-y-1">
          <Input
            aria-label={`${l}: template`}
            className="font-mono"
            value={String(body ?? "")}
            placeholder="{{properties.plan}} for {{userId}}"
            onChange={(e) => onChange(e.target.value)}
          />
          <p className="text-xs text-slate-500">Paths in double braces, without the $: {"{{event}} by {{userId}}"}</p>
        </div>
      );
    case "@case":
      return (
        <Row>
          <Select
            aria-label={`${l}: case`}
            className="w-full sm:w-32"
            value={String(o.operator)}
            onChange={(e) => set({ operator: e.target.value })}
          >
            <option value="lower">lower case</option>
            <option value="upper">UPPER CASE</option>
          </Select>
          <InnerValue label={`${l}: value`} value={o.value} onChange={(v) => set({ value: v })} />
        </Row>
      );
    case "@json":
      return (
        <Row>
          <Select
            aria-label={`${l}: JSON mode`}
            className="w-full sm:w-32"
            value={String(o.mode)}
            onChange={(e) => set({ mode: e.target.value })}
          >
            <option value="encode">encode</option>
            <option value="decode">decode</option>
          </Select>
          <InnerValue label={`${l}: value`} value={o.value} onChange={(v) => set({ value: v })} />
        </Row>
      );
    case "@replace":
      return (
        <div className="space-y-2">
          <Row>
            <Input
              aria-label={`${l}: replace`}
              maxLength={10}
              placeholder="Find (≤ 10)"
              className="w-full sm:w-40"
              value={String(o.pattern ?? "")}
              onChange={(e) => set({ pattern: e.target.value })}
            />
            <Input
              aria-label={`${l}: with`}
              maxLength={10}
              placeholder="Replace with"
              className="w-full sm:w-40"
              value={String(o.replacement ?? "")}
              onChange={(e) => set({ replacement: e.target.value })}
            />
            <label className="flex items-center gap-1.5 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={o.ignorecase === true}
                onChange={(e) => set({ ignorecase: e.target.checked })}
              />{" "}
              ignore case
            </label>
          </Row>
          <InnerValue label={`${l}: in`} value={o.value} onChange={(v) => set({ value: v })} />
        </div>
      );
    case "@if":
      return <IfForm label={l} body={o} set={set} />;
    case "@merge":
      return <MergeForm label={l} body={o} set={set} />;
    case "@arrayPath":
      return <ArrayPathForm field={field} body={body} onChange={onChange} />;
  }
}
