import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { getIngestStats } from "./state";
import { findSourceByWriteKey, invalidateWriteKey } from "./write-keys";
import { SOURCE_CACHE_MAX, sourceCacheTiming } from "./config";
import { clearSourceCache } from "@/lib/ingest";
import { basic, createTestSource, setUpIngestServers } from "./testing";
import * as settingsRoute from "@/app/(ingest)/v1/projects/[writeKey]/settings/route";

// Issue #10 item 4: a Basic key of NUL bytes made PostgreSQL fail the lookup (500, ~30 log lines); bad keys
// were looked up in the database every time. Impossible keys are refused without a lookup; unknown keys are
// remembered briefly, in a bounded cache apart from the good ones.

const { servers, post } = setUpIngestServers();
const doors = ["web", "node"] as const;
const call = { userId: "u", event: "E" };

// Cache lifetimes far longer than any test, so that no assertion depends on how fast the machine is.
const timing = { ...sourceCacheTiming };
beforeEach(() => Object.assign(sourceCacheTiming, { foundMs: 600_000, unknownMs: 600_000 }));
afterEach(() => {
  Object.assign(sourceCacheTiming, timing);
  vi.restoreAllMocks();
});

const rawBasic = (bytes: number[]) => `Basic ${Buffer.from([...bytes, 0x3a]).toString("base64")}`;

describe.each(doors)("impossible write keys (%s door)", (door) => {
  it("answers 401 without a database lookup or a log line", async () => {
    const errors = vi.spyOn(console, "error");
    const before = getIngestStats().writeKeyLookups;
    const headers = [
      rawBasic([0, 0, 0, 0]), // NUL bytes
      rawBasic([0xff, 0xfe, 0xc3, 0x28]), // invalid UTF-8
      rawBasic([0x77, 0x6b, 0x01, 0x1b]), // control characters
      basic("k".repeat(5_000)),
    ];
    for (const authorization of headers) {
      const res = await post("/v1/track", call, { base: servers[door].url, headers: { authorization } });
      expect(res.status, authorization.slice(0, 40)).toBe(401);
      expect(await res.json()).toEqual({ meta: { errors: ["Unknown write key"] } });
    }
    for (const writeKey of ["\u0000key", "\ud800", "ok\u007f", "\uFFFD"]) {
      const res = await post("/v1/t", { ...call, writeKey }, { base: servers[door].url });
      expect(res.status).toBe(401);
    }
    expect(getIngestStats().writeKeyLookups).toBe(before);
    expect(errors).not.toHaveBeenCalled();
  });

  it("looks an unknown key up once, not once per call", async () => {
    const before = getIngestStats().writeKeyLookups;
    const key = `wk_unknown_${door}_${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post("/v1/track", call, { key, base: servers[door].url })),
    );
    for (let i = 0; i < 20; i++) answers.push(await post("/v1/track", call, { key, base: servers[door].url }));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(401));
    expect(getIngestStats().writeKeyLookups - before).toBe(1);
  });
});

describe("the unknown-key cache", () => {
  it("expires, and forgets a key when invalidated (a source created with it)", async () => {
    clearSourceCache();
    const key = `wk_later_${Date.now()}`;
    const now = Date.now();
    expect(await findSourceByWriteKey(key, now)).toBeNull();
    const lookups = getIngestStats().writeKeyLookups;
    expect(await findSourceByWriteKey(key, now + sourceCacheTiming.unknownMs - 1)).toBeNull();
    expect(getIngestStats().writeKeyLookups).toBe(lookups); // still cached as unknown
    expect(await findSourceByWriteKey(key, now + sourceCacheTiming.unknownMs + 1)).toBeNull();
    expect(getIngestStats().writeKeyLookups).toBe(lookups + 1); // expired: asked again

    const s = await createTestSource();
    await db.source.update({ where: { id: s.id }, data: { writeKey: key } });
    expect(await findSourceByWriteKey(key, now + sourceCacheTiming.unknownMs + 2)).toBeNull(); // cached miss
    invalidateWriteKey(key); // what creating a source / rotating a key does
    expect(await findSourceByWriteKey(key, now + sourceCacheTiming.unknownMs + 3)).toMatchObject({ id: s.id });
    expect((await post("/v1/track", call, { key })).status).toBe(200);
  });

  it("stays bounded under a flood of distinct bad keys, and the good keys stay cached", async () => {
    clearSourceCache();
    const s = await createTestSource();
    expect((await post("/v1/track", call, { key: s.writeKey })).status).toBe(200);
    for (let i = 0; i < SOURCE_CACHE_MAX + 500; i += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, j) => findSourceByWriteKey(`wk_flood_${i + j}`)));
    }
    const lookups = getIngestStats().writeKeyLookups;
    expect((await post("/v1/track", call, { key: s.writeKey })).status).toBe(200);
    expect(getIngestStats().writeKeyLookups).toBe(lookups); // the good key was not evicted
    const { getIngestState } = await import("./state");
    expect(getIngestState().misses.size).toBeLessThanOrEqual(SOURCE_CACHE_MAX);
  });
});

describe("CDN settings with an impossible write key", () => {
  it("answers 404 without a database query (PostgreSQL refused the NUL: 500)", async () => {
    const errors = vi.spyOn(console, "error");
    for (const key of ["\u0000", "a\u0000b", "k".repeat(300)]) {
      const res = await settingsRoute.GET(new Request(`http://localhost/v1/projects/x/settings`), {
        params: Promise.resolve({ writeKey: key }),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Unknown write key" });
    }
    expect(errors).not.toHaveBeenCalled();
  });
});
