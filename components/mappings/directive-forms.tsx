"use client";
import { useContext, type ReactNode } from "react";
import type { CatalogField } from "@/lib/destinations/types";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { InnerValue } from "./inner-value";
import { PathPicker } from "./path-picker";
import { suggestItemPaths } from "./event-paths";
import { RecentEventsContext } from "./recent-events-context";

// The larger directive forms: if/else, merge, and @arrayPath (one row per item field).

type Obj = Record<string, unknown>;

export function Row({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-center gap-2">{children}</div>;
}

export function IfForm({ label, body, set }: { label: string; body: Obj; set: (patch: Obj) => void }) {
  const test = "blank" in body ? "blank" : "exists";
  return (
    <div className="space-y-2">
      <Row>
        <span className="w-12 text-sm text-slate-600">If</span>
        <InnerValue label={`${label}: if`} value={body[test]} onChange={(v) => set({ [test]: v })} />
        <Select
          aria-label={`${label}: test`}
          className="w-full sm:w-40"
          value={test}
          onChange={(e) => set({ [test]: undefined, [e.target.value]: body[test] })}
        >
          <option value="exists">exists</option>
          <option value="blank">is not blank</option>
        </Select>
      </Row>
      <Row>
        <span className="w-12 text-sm text-slate-600">then</span>
        <InnerValue label={`${label}: then`} value={body.then} onChange={(v) => set({ then: v })} />
      </Row>
      <Row>
        <span className="w-12 text-sm text-slate-600">else</span>
        <InnerValue label={`${label}: else`} value={body.else} onChange={(v) => set({ else: v })} />
      </Row>
    </div>
  );
}

export function MergeForm({ label, body, set }: { label: string; body: Obj; set: (patch: Obj) => void }) {
  const objects = Array.isArray(body.objects) ? body.objects : [];
  return (
    <div className="space-y-2">
      <Select
        aria-label={`${label}: merge direction`}
        className="w-full sm:w-64"
        value={String(body.direction ?? "right")}
        onChange={(e) => set({ direction: e.target.value })}
      >
        <option value="right">later objects win</option>
        <option value="left">earlier objects win</option>
      </Select>
      {objects.map((obj, i) => (
        <Row key={i}>
          <InnerValue
            label={`${label}: object ${i + 1}`}
            value={obj}
            onChange={(v) => set({ objects: objects.map((x, j) => (j === i ? v : x)) })}
          />
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Remove object ${i + 1}`}
            onClick={() => set({ objects: objects.filter((_, j) => j !== i) })}
          >
            Remove
          </Button>
        </Row>
      ))}
      <Button variant="secondary" size="sm" onClick={() => set({ objects: [...objects, { "@path": "$." }] })}>
        Add object
      </Button>
    </div>
  );
}

/** `@arrayPath: [listPath, itemMapping]`: one row per item field, each a path relative to the item. */
export function ArrayPathForm({
  field,
  body,
  onChange,
}: {
  field: CatalogField;
  body: unknown;
  onChange: (b: unknown) => void;
}) {
  const events = useContext(RecentEventsContext);
  const [listPath, itemMapping] = Array.isArray(body) ? body : ["$.", {}];
  const item = (itemMapping ?? {}) as Obj;
  const itemPaths = suggestItemPaths(events, String(listPath));
  const keys = [...new Set([...(field.properties ?? []).map((p) => p.key), ...Object.keys(item)])];
  return (
    <div className="space-y-2">
      <Row>
        <span className="text-sm text-slate-600">For each item of</span>
        <PathPicker
          aria-label={`${field.label}: list path`}
          className="min-w-0 flex-1 basis-48"
          value={String(listPath)}
          onChange={(p) => onChange([p, item])}
        />
      </Row>
      {keys.map((key) => (
        <Row key={key}>
          <span className="w-32 truncate font-mono text-xs text-slate-700">{key}</span>
          <InnerValue
            label={`${field.label}: item ${key}`}
            value={item[key]}
            suggestions={itemPaths}
            onChange={(v) => onChange([listPath, { ...item, [key]: v }])}
          />
        </Row>
      ))}
    </div>
  );
}
