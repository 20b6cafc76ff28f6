import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";

export interface QueryStatesProps<T> {
  query: Pick<UseQueryResult<T, Error>, "data" | "error" | "isPending">;
  /** Shown while the first answer is on its way: a skeleton shaped like the content. */
  loading: ReactNode;
  /** What could not be loaded, e.g. "the sources"; the error's message follows. */
  what: string;
  /** When the answer is there but has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The loading → error → empty → content chain of a view that shows one query, written once. */
export function QueryStates<T>({ query, loading, what, isEmpty, empty, children }: QueryStatesProps<T>) {
  if (query.isPending) return <>{loading}</>;
  if (query.error) {
    return (
      <p data-testid="query-error" className="p-6 text-sm text-red-700">
        Could not load {what}: {query.error.message}. Reload the page to try again.
      </p>
    );
  }
  const data = query.data as T;
  if (isEmpty?.(data)) return <>{empty}</>;
  return <>{children(data)}</>;
}
