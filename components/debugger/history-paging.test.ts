import { describe, expect, it } from "vitest";
import { SCAN_WINDOW } from "@/lib/eventlog/read.mjs";
import { nextHistoryStep, PAGES_PER_ACTION, searchedSpan, type HistoryPageSummary } from "./history-paging";

const MAX = 500;
const start = { pageCount: 0, rowCount: 0 };

/** A page with `rows` rows; `more` = it has a nextCursor. */
const page = (rows: number, more = true): HistoryPageSummary => ({
  events: Array.from({ length: rows }, (_, i) => i),
  nextCursor: more ? "123" : null,
});
const pages = (n: number, rows: number) => Array.from({ length: n }, () => page(rows));

describe("nextHistoryStep", () => {
  it("waits for the first page, which the query fetches itself", () => {
    expect(nextHistoryStep([], start, 0, MAX)).toEqual({ kind: "idle" });
  });

  it("stops at a full first page, and when nothing older is left", () => {
    expect(nextHistoryStep([page(50)], start, 50, MAX)).toEqual({ kind: "idle" });
    expect(nextHistoryStep([page(3, false)], start, 3, MAX)).toEqual({ kind: "end" });
    expect(nextHistoryStep([page(0, false)], start, 0, MAX)).toEqual({ kind: "end" });
  });

  it("keeps going past empty or short scan-window pages until a page's worth of rows", () => {
    expect(nextHistoryStep([page(0)], start, 0, MAX)).toEqual({ kind: "fetch" });
    expect(nextHistoryStep([page(3)], start, 3, MAX)).toEqual({ kind: "fetch" });
    expect(nextHistoryStep([page(20), page(29)], start, 49, MAX)).toEqual({ kind: "fetch" });
    expect(nextHistoryStep([page(20), page(30)], start, 50, MAX)).toEqual({ kind: "idle" });
  });

  it("gives up after PAGES_PER_ACTION scan windows and says how far it searched", () => {
    expect(nextHistoryStep(pages(PAGES_PER_ACTION - 1, 0), start, 0, MAX)).toEqual({ kind: "fetch" });
    expect(nextHistoryStep(pages(PAGES_PER_ACTION, 0), start, 0, MAX)).toEqual({
      kind: "budget",
      searched: { calls: PAGES_PER_ACTION * SCAN_WINDOW, isFromNewest: true },
    });
    expect(PAGES_PER_ACTION * SCAN_WINDOW).toBe(50_000);
  });

  it("gives each user action a fresh budget from where it started", () => {
    const searched = pages(PAGES_PER_ACTION, 0);
    const mark = { pageCount: PAGES_PER_ACTION, rowCount: 0 };
    expect(nextHistoryStep(searched, mark, 0, MAX)).toEqual({ kind: "fetch" });
    expect(nextHistoryStep([...searched, ...pages(PAGES_PER_ACTION - 1, 0)], mark, 0, MAX)).toEqual({ kind: "fetch" });
    // Nothing found at all: everything searched is one run from the newest call.
    expect(nextHistoryStep(pages(2 * PAGES_PER_ACTION, 0), mark, 0, MAX)).toEqual({
      kind: "budget",
      searched: { calls: 2 * PAGES_PER_ACTION * SCAN_WINDOW, isFromNewest: true },
    });
  });

  it("after a full page, reports the older calls the action searched", () => {
    const loaded = [page(50), ...pages(PAGES_PER_ACTION, 2)];
    expect(nextHistoryStep(loaded, { pageCount: 1, rowCount: 50 }, 60, MAX)).toEqual({
      kind: "budget",
      searched: { calls: PAGES_PER_ACTION * SCAN_WINDOW, isFromNewest: false },
    });
  });

  it("a user action on a full page loads one more page", () => {
    expect(nextHistoryStep([page(50)], { pageCount: 1, rowCount: 50 }, 50, MAX)).toEqual({ kind: "fetch" });
    expect(nextHistoryStep([page(50), page(50)], { pageCount: 1, rowCount: 50 }, 100, MAX)).toEqual({
      kind: "idle",
    });
  });

  it("loads nothing more once MAX_ROWS are in view, live rows included", () => {
    expect(nextHistoryStep([page(0)], start, MAX, MAX)).toEqual({ kind: "full" });
    expect(nextHistoryStep(pages(10, 50), { pageCount: 9, rowCount: 450 }, MAX, MAX)).toEqual({ kind: "full" });
  });
});

describe("searchedSpan", () => {
  it("counts only the trailing scan-window pages", () => {
    expect(searchedSpan([])).toEqual({ calls: 0, isFromNewest: true });
    expect(searchedSpan([page(50), page(0), page(1)])).toEqual({ calls: 2 * SCAN_WINDOW, isFromNewest: false });
    // The last page of all examined fewer calls than the window: no claim about it.
    expect(searchedSpan([page(0), page(0, false)])).toEqual({ calls: 0, isFromNewest: false });
  });
});
