import { SCAN_WINDOW } from "@/lib/eventlog/read.mjs";
import { HISTORY_PAGE_SIZE } from "@/lib/queries/events";

// When the debugger loads older history on its own. A page with a filter no index serves (q, status, identities,
// time) examines at most SCAN_WINDOW calls and may come back short, even empty, with a cursor to go on from. The list
// keeps fetching until one user action (opening the list, "Load older calls", "Search older calls") has added a
// page's worth of rows, nothing older is left, MAX_ROWS are in view, or the action has spent PAGES_PER_ACTION
// pages — at most PAGES_PER_ACTION × SCAN_WINDOW calls examined before the user is asked to go on.

export const PAGES_PER_ACTION = 5;

/** A loaded history page, as far as paging cares. */
export type HistoryPageSummary = { events: readonly unknown[]; nextCursor: string | null };

/** How much was loaded when the current action started (zeros for the first load). */
export type HistoryMark = { pageCount: number; rowCount: number };

/** Calls examined by the trailing run of short pages: exactly SCAN_WINDOW each; from the newest call if the run
 *  covers every page. */
export type SearchedSpan = { calls: number; isFromNewest: boolean };

export type HistoryStep =
  /** Fetch the next page now. */
  | { kind: "fetch" }
  /** Nothing loaded yet, or this action found a page's worth: more only on request. */
  | { kind: "idle" }
  /** Nothing older is left. */
  | { kind: "end" }
  /** `maxRows` rows are in view. */
  | { kind: "full" }
  /** The action spent its pages on scan windows without a page's worth of matches; more only on request. */
  | { kind: "budget"; searched: SearchedSpan };

/** A short page with a cursor stopped at the scan window: it examined exactly SCAN_WINDOW calls. */
function isScanWindowPage(page: HistoryPageSummary): boolean {
  return page.nextCursor !== null && page.events.length < HISTORY_PAGE_SIZE;
}

export function searchedSpan(pages: readonly HistoryPageSummary[]): SearchedSpan {
  let run = 0;
  while (run < pages.length && isScanWindowPage(pages[pages.length - 1 - run]!)) run++;
  return { calls: run * SCAN_WINDOW, isFromNewest: run === pages.length };
}

export function nextHistoryStep(
  pages: readonly HistoryPageSummary[],
  mark: HistoryMark,
  shownCount: number,
  maxRows: number,
): HistoryStep {
  if (shownCount >= maxRows) return { kind: "full" };
  const last = pages.at(-1);
  if (!last) return { kind: "idle" };
  if (last.nextCursor === null) return { kind: "end" };
  const rowCount = pages.reduce((n, p) => n + p.events.length, 0);
  if (rowCount - mark.rowCount >= HISTORY_PAGE_SIZE) return { kind: "idle" };
  if (pages.length - mark.pageCount >= PAGES_PER_ACTION) return { kind: "budget", searched: searchedSpan(pages) };
  return { kind: "fetch" };
}
