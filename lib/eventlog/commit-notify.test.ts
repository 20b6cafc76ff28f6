import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getDbKind } from "@/lib/db";
import { appendEvents, closeEventLog } from "@/lib/eventlog";
import { eventRow } from "@/lib/eventlog/testing";
import { seedMember } from "@/lib/testing/fixtures";
import { commitNotifyPayload, NOTIFY_CHANNEL, parseCommitNotify } from "./postgres";

// A PostgreSQL commit of the event log NOTIFYs its highest id and its accepted events' sources: the live bus
// follows the id, a delivery worker wakes the sources' destinations without a query of its own.

afterAll(() => closeEventLog());

describe("commit notifications", () => {
  it("name the highest id and the sources, when they are few and plain", () => {
    expect(parseCommitNotify(commitNotifyPayload(42n, new Set(["src_a", "cm9x1abc"])))).toEqual({
      id: 42n,
      sourceIds: new Set(["src_a", "cm9x1abc"]),
    });
    // None accepted, too many, or one that is not a plain id: the id alone (readers look the sources up).
    for (const sources of [[], Array.from({ length: 101 }, (_, i) => `s${i}`), ["a'b"], ["a b"]]) {
      expect(parseCommitNotify(commitNotifyPayload(7n, new Set(sources)))).toEqual({ id: 7n, sourceIds: undefined });
    }
    expect(parseCommitNotify("12")).toEqual({ id: 12n, sourceIds: undefined }); // an older process's payload
    for (const other of [undefined, "", "x", "12 a b", "12 a'"]) expect(parseCommitNotify(other)).toBeNull();
  });

  it.runIf(getDbKind() === "postgresql")("are sent at commit with the accepted events' sources", async () => {
    const { workspace } = await seedMember("member");
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => n.channel === NOTIFY_CHANNEL && heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
    try {
      const stored = await appendEvents([
        eventRow(workspace.id, { sourceId: "src_one" }),
        eventRow(workspace.id, { sourceId: "src_two" }),
        eventRow(workspace.id, { sourceId: "src_rejected", status: "rejected", reason: "bad" }),
      ]);
      const newest = stored.reduce((max, e) => (BigInt(e.id) > max ? BigInt(e.id) : max), 0n);
      await expect
        .poll(() => heard.map(parseCommitNotify).find((c) => c?.id === newest))
        .toEqual({
          id: newest,
          sourceIds: new Set(["src_one", "src_two"]),
        });
    } finally {
      await listener.end();
    }
  });
});
