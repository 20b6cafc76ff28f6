import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export interface TableProps extends HTMLAttributes<HTMLTableElement> {
  /** Below 640 px each row is shown as a card of label/value lines (give each TD its `column`); else it scrolls. */
  isStacked?: boolean;
}

/**
 * One column of a table, defined once: the header says its label and a stacked row's cell repeats it (the phone
 * card's label/value line). A table lists its columns in an object in header order, for <TableHeader> and each
 * <TD column>.
 */
export type Column = {
  label: string;
  /** Applied to the header and every cell: alignment, figures, hiding on narrow screens. */
  className?: string;
  /** The stacked card's title: its cell has no label line. */
  isTitle?: boolean;
  /** A column of buttons: the header says it to screen readers only, and its cell has no label line. */
  isActions?: boolean;
};

export function TableHeader({ columns }: { columns: Record<string, Column> }) {
  return (
    <THead>
      <tr>
        {Object.entries(columns).map(([key, column]) => (
          <TH key={key} className={column.className}>
            {column.isActions ? <span className="sr-only">{column.label}</span> : column.label}
          </TH>
        ))}
      </tr>
    </THead>
  );
}

/** A table in a horizontally scrollable wrapper (never the page); put it inside a Card or give it its own border. */
export function Table({ className, isStacked, ...props }: TableProps) {
  return (
    // relative: an absolutely placed cell child (an sr-only label) is clipped here instead of widening the page.
    <div className="relative w-full overflow-x-auto">
      <table
        className={cn("w-full border-collapse text-left text-sm", isStacked && "ui-table-stacked", className)}
        {...props}
      />
    </div>
  );
}

export function THead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-b bg-slate-50", className)} {...props} />;
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-slate-100", className)} {...props} />;
}

export function TR({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("transition-colors hover:bg-slate-50/60", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase",
        className,
      )}
      {...props}
    />
  );
}

// Cells hold names, ids and dates: one line each, and the table scrolls inside its box when the screen is narrow.
// A cell of free text opts out with `whitespace-normal`.
export function TD({ className, column, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { column?: Column }) {
  const hasLabel = column && !column.isTitle && !column.isActions;
  return (
    <td
      data-label={hasLabel ? column.label : undefined}
      className={cn("px-4 py-3 align-middle whitespace-nowrap text-slate-700", column?.className, className)}
      {...props}
    />
  );
}
