import { afterAll, describe, expect, it } from "vitest";
import { closeEventLog } from "@/lib/eventlog";
import { appendTestEvents } from "@/lib/eventlog/testing";
import { callRoute, seedMember } from "@/lib/testing/fixtures";
import * as events from "@/app/api/workspaces/[workspaceId]/events/route";
import * as stream from "@/app/api/workspaces/[workspaceId]/events/stream/route";

// Issue #10 item 4: an event id past BIGINT's range made PostgreSQL fail the cast (500; SQLite answered 200).
// Both databases must answer 422 with a message, for `before`, `lastEventId` and the Last-Event-ID header.

afterAll(() => closeEventLog());

const TOO_BIG = "9223372036854775808"; // 2^63
const MAX = "9223372036854775807"; // 2^63 - 1

async function openStream(workspaceId: string, cookie: string, init: { query?: string; lastEventId?: string }) {
  const controller = new AbortController();
  const headers = new Headers({ cookie });
  if (init.lastEventId) headers.set("last-event-id", init.lastEventId);
  const res = await stream.GET(
    new Request(`http://localhost/stream?${init.query ?? ""}`, { headers, signal: controller.signal }),
    { params: Promise.resolve({ workspaceId }) },
  );
  controller.abort();
  return res;
}

describe("event ids out of BIGINT range", () => {
  it("answers 422 for before / lastEventId / Last-Event-ID past 2^63 - 1, and accepts 2^63 - 1", async () => {
    const { workspace, cookie } = await seedMember("member");
    const ids = await appendTestEvents(workspace.id, 2);
    const list = (query: string) =>
      callRoute(events.GET, { cookie, params: { workspaceId: workspace.id }, url: `/?${query}` });

    for (const before of [TOO_BIG, "9999999999999999999"]) {
      const res = await list(`before=${before}`);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("validation_failed");
      expect(JSON.stringify(res.body.error)).toContain(`at most ${MAX}`);
    }
    const atMax = await list(`before=${MAX}`);
    expect(atMax.status).toBe(200);
    expect(atMax.body.events.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
    expect((await list("before=-1")).status).toBe(422);
    expect((await list("before=12345678901234567890123")).status).toBe(422);

    const byQuery = await openStream(workspace.id, cookie, { query: `lastEventId=${TOO_BIG}` });
    expect(byQuery.status).toBe(422);
    const byHeader = await openStream(workspace.id, cookie, { lastEventId: TOO_BIG });
    expect(byHeader.status).toBe(422);
    expect(JSON.stringify(await byHeader.json())).toContain(`at most ${MAX}`);
    const fine = await openStream(workspace.id, cookie, { lastEventId: MAX });
    expect(fine.status).toBe(200);
  });
});
