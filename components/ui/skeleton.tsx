import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** A grey block standing in for content that is on its way; size it like the content it replaces. */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200/70", className)} {...props} />;
}

/** A table's shape: a header row and `rows` lines of `columns` cells. */
export function TableSkeleton({ rows = 4, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div className="divide-y divide-slate-100" data-testid="skeleton">
      <div className="flex gap-6 bg-slate-50 px-4 py-3">
        {Array.from({ length: columns }, (_, i) => (
          <Skeleton key={i} className="h-3 w-20" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex items-center gap-6 px-4 py-3.5">
          <Skeleton className="size-7 shrink-0" />
          {Array.from({ length: columns - 1 }, (_, c) => (
            <Skeleton key={c} className={cn("h-3.5", c === 0 ? "w-40" : "w-20")} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** A page's title block while it loads; the live region tells screen readers what is happening. */
export function PageHeaderSkeleton({ label }: { label: string }) {
  return (
    <div className="mb-6 space-y-2">
      <span role="status" className="sr-only">
        {label}
      </span>
      <Skeleton className="h-6 w-40" />
      <Skeleton className="h-4 w-full max-w-xl" />
    </div>
  );
}
