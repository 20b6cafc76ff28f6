import { describe, expect, it } from "vitest";
import { buildEventBacklogQuery, buildEventPageQuery, needsScanWindow, queryEventPage } from "./read.mjs";
import { matchesEventFilter } from "./dto";

describe("events SQL", () => {
  it("numbers parameters per flavour and escapes LIKE wildcards", () => {
    const pg = buildEventPageQuery("postgresql", "ws", { type: "track", q: "50%_off" }, { before: "10", limit: 51 });
    expect(pg.sql).toContain(`"type" = $2 AND "id" < $3::bigint AND lower("payload") LIKE lower($4)`);
    expect(pg.params).toEqual(["ws", "track", "10", "%50\\%\\_off%", 51]);
    const lite = buildEventPageQuery("sqlite", "ws", { from: "2026-11-29T10:00:00Z" }, { limit: 5 });
    expect(lite.params).toEqual(["ws", "2026-11-29T10:00:00.000+00:00", 5]);
    expect(buildEventBacklogQuery("sqlite", "ws", {}, { after: "7", limit: 500 }).sql).toContain(
      `"id" > ? ORDER BY "id" ASC`,
    );
    expect(needsScanWindow({ type: "track" })).toBe(false);
    expect(needsScanWindow({ status: "rejected" })).toBe(true);
  });

  it("returns a cursor from the scan window when a page comes back short", async () => {
    const calls: string[] = [];
    const result = await queryEventPage("sqlite", "ws", { q: "x" }, { limit: 50, window: 100 }, (sql) => {
      calls.push(sql);
      return calls.length === 1 ? [{ id: 900 }] : [{ id: 950 }];
    });
    expect(result).toEqual({ rows: [{ id: 950 }], nextCursor: "900" });
  });

  it("matches live events as the SQL does", () => {
    const e = {
      id: "1",
      sourceId: "s",
      messageId: "m",
      type: "track",
      name: "Order Completed",
      userId: "u1",
      anonymousId: null,
      payload: '{"event":"Order Completed"}',
      receivedAt: new Date("2026-11-29T10:00:00Z"),
      status: "accepted",
      reason: null,
    };
    expect(matchesEventFilter({ q: "ORDER", type: "track", sourceId: "s" }, e)).toBe(true);
    expect(matchesEventFilter({ status: "rejected" }, e)).toBe(false);
    expect(matchesEventFilter({ from: "2026-11-29T10:00:01Z" }, e)).toBe(false);
  });
});
