import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendEvents, closeEventLog } from "@/lib/eventlog";
import { appendTestEvents, eventRow, readSse } from "@/lib/eventlog/testing";
import { basic, createTestSource } from "@/lib/ingest/testing";
import { handleIngest } from "@/lib/ingest";
import { addMember, callRoute, createTestUser, seedMember, sessionCookie } from "@/lib/testing/fixtures";
import * as events from "@/app/api/workspaces/[workspaceId]/events/route";
import * as stream from "@/app/api/workspaces/[workspaceId]/events/stream/route";

// Issue #10 item 2: one stored call nested thousands of levels deep used to make every events page that held
// it answer 500 (JSON.stringify overflowed the stack), break ?event= searches and vanish from the live stream.
// Every reader must survive any stored payload, including rows stored before ingest limited the depth.

afterAll(() => closeEventLog());

/** A track call's text nested `levels` deep in its properties (written as text: too deep for JSON.stringify). */
const deepPayload = (levels: number) =>
  '{"type":"track","event":"Deep","userId":"u1","properties":' + "[".repeat(levels) + "]".repeat(levels) + "}";

/** Inserts a row straight into the table, as the old ingest stored such a call (accepted). */
async function insertOldRow(workspaceId: string, payload: string) {
  const row = await db.event.create({
    data: { ...eventRow(workspaceId, { name: "Deep" }), payload },
    select: { id: true },
  });
  return String(row.id);
}

async function openStream(workspaceId: string, cookie: string, init: { query?: string; lastEventId?: string } = {}) {
  const controller = new AbortController();
  const headers = new Headers({ cookie });
  if (init.lastEventId) headers.set("last-event-id", init.lastEventId);
  const res = await stream.GET(
    new Request(`http://localhost/stream?${init.query ?? ""}`, { headers, signal: controller.signal }),
    { params: Promise.resolve({ workspaceId }) },
  );
  return { res, abort: () => controller.abort() };
}

describe("events API and stream with deep stored payloads", () => {
  it("pages, searches and filters over deep old rows, showing their payload as raw text", async () => {
    const { workspace, cookie } = await seedMember("member");
    const [before] = await appendTestEvents(workspace.id, 1);
    const deep = [deepPayload(4_100), deepPayload(20_000)];
    const deepIds = [await insertOldRow(workspace.id, deep[0]!), await insertOldRow(workspace.id, deep[1]!)];
    const [after] = await appendTestEvents(workspace.id, 1);

    for (const query of ["", "event=Deep", "q=deep", "userId=u1", "type=track&limit=2"]) {
      const res = await callRoute(events.GET, { cookie, params: { workspaceId: workspace.id }, url: `/?${query}` });
      expect(res.status, query).toBe(200);
      const byId = new Map(res.body.events.map((e: { id: string; payload: unknown }) => [e.id, e.payload]));
      for (const [i, id] of deepIds.entries()) if (byId.has(id)) expect(byId.get(id)).toBe(deep[i]);
    }
    const all = await callRoute(events.GET, { cookie, params: { workspaceId: workspace.id } });
    expect(all.body.events.map((e: { id: string }) => e.id)).toEqual([after, ...deepIds.reverse(), before]);
    expect(all.body.events[0].payload).toMatchObject({ properties: { total: 42 } }); // shallow rows: still parsed
    const searched = await callRoute(events.GET, {
      cookie,
      params: { workspaceId: workspace.id },
      url: "/?event=Deep",
    });
    expect(searched.body.events).toHaveLength(2);
  });

  it("replays deep rows after Last-Event-ID and streams deep calls live", async () => {
    const { workspace, cookie } = await seedMember("member");
    const [start] = await appendTestEvents(workspace.id, 1);
    const oldDeep = await insertOldRow(workspace.id, deepPayload(20_000));
    const open = await openStream(workspace.id, cookie, { lastEventId: start });
    const sse = readSse(open.res);
    const [replayed] = await sse.take(1);
    expect(replayed!.id).toBe(oldDeep);
    expect(JSON.parse(replayed!.data).payload).toBe(deepPayload(20_000));

    // Live: a deep row published on the bus (as the writer or the PostgreSQL tail does), then a normal one.
    const [liveDeep] = await appendEvents([eventRow(workspace.id, { name: "Deep", payload: deepPayload(10_000) })]);
    const [normal] = await appendTestEvents(workspace.id, 1);
    const live = await sse.take(2);
    expect(live.map((m) => m.id)).toEqual([liveDeep!.id, normal]);
    expect(JSON.parse(live[0]!.data).payload).toBe(deepPayload(10_000));
    open.abort();
  });

  it("shows a deep call sent to ingest as rejected, with its reason, in the API and the stream", async () => {
    const source = await createTestSource();
    const user = await createTestUser();
    await addMember(source.workspaceId, user.id, "member");
    const cookie = await sessionCookie(user.id);
    const open = await openStream(source.workspaceId, cookie, { query: "status=rejected" });
    const sse = readSse(open.res);

    const body = '{"batch":[{"type":"track","userId":"u1","event":"Fine"},' + deepPayload(5_000) + "]}";
    const res = await handleIngest(
      new Request("http://localhost/v1/batch", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: basic(source.writeKey) },
        body,
      }),
      "batch",
    );
    expect(res.status).toBe(200);
    const [message] = await sse.take(1);
    const live = JSON.parse(message!.data);
    expect(live).toMatchObject({
      status: "rejected",
      name: "Deep",
      reason: "The call is nested deeper than 64 levels",
    });
    expect(typeof live.payload).toBe("string"); // the start of the call as sent, for the debugger's raw view
    open.abort();

    const page = await callRoute(events.GET, { cookie, params: { workspaceId: source.workspaceId } });
    expect(page.status).toBe(200);
    expect(page.body.events.map((e: { name: string; status: string }) => [e.name, e.status])).toEqual([
      ["Deep", "rejected"],
      ["Fine", "accepted"],
    ]);
  });
});
