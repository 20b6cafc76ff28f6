"use client";
import type { CatalogAction } from "@/lib/destinations/types";
import { MappingRow } from "./mapping-row";

/**
 * One row per action field, in the definition's order. Keys of the mapping that are not fields (hidden ones
 * such as Webhook's batch_keys) are kept as they are.
 */
export function MappingEditor({
  action,
  mapping,
  onChange,
  errors,
}: {
  action: CatalogAction;
  mapping: Record<string, unknown>;
  onChange: (mapping: Record<string, unknown>) => void;
  errors: Record<string, string[]>;
}) {
  if (action.fields.length === 0) {
    return (
      <p className="py-4 text-sm text-slate-500">This action has no fields to map: it sends the event as it is.</p>
    );
  }
  return (
    <div className="divide-y" data-testid="mapping-editor">
      {action.fields.map((field) => (
        <MappingRow
          key={field.key}
          field={field}
          value={mapping[field.key]}
          defaultValue={action.defaultMapping[field.key]}
          errors={errors}
          path={[field.key]}
          onChange={(value) => {
            const next = { ...mapping };
            if (value === undefined) delete next[field.key];
            else next[field.key] = value;
            onChange(next);
          }}
        />
      ))}
    </div>
  );
}
