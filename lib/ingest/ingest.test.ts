import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { invalidateWriteKey } from "@/lib/ingest";
import { createTestSource, storedEvents, setUpIngestServers } from "./testing";

// Raw HTTP against a real server in front of handleIngest (the route handlers' door) and, for the
// transport-sensitive cases, handleNodeIngest (server.js's fast path).

const { servers, post } = setUpIngestServers();

describe("the seven calls", () => {
  it("accepts every long path with Basic auth (curl -u KEY:) and stores the right fields", async () => {
    const s = await createTestSource({ type: "http" });
    const calls: [string, object][] = [
      ["identify", { userId: "u1", traits: { email: "a@b.co" } }],
      ["track", { userId: "u1", event: "Order Completed", properties: { total: 42 } }],
      ["page", { anonymousId: "a1", name: "Home" }],
      ["screen", { userId: "u1", name: "Settings" }],
      ["group", { userId: "u1", groupId: "g1", traits: { name: "Acme" } }],
      ["alias", { userId: "u2", previousId: "u1" }],
    ];
    for (const [path, body] of calls) {
      const res = await post(`/v1/${path}`, body, { key: s.writeKey });
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual({ success: true });
    }
    const rows = await storedEvents(s.id);
    expect(rows.map((r) => [r.type, r.name, r.userId, r.anonymousId, r.status])).toEqual([
      ["identify", null, "u1", null, "accepted"],
      ["track", "Order Completed", "u1", null, "accepted"],
      ["page", "Home", null, "a1", "accepted"],
      ["screen", "Settings", "u1", null, "accepted"],
      ["group", null, "u1", null, "accepted"],
      ["alias", null, "u2", null, "accepted"],
    ]);
    expect(rows[1].body).toMatchObject({ type: "track", properties: { total: 42 }, messageId: rows[1].messageId });
    expect(rows[4].body!.groupId).toBe("g1");
    expect(rows[5].body!.previousId).toBe("u1");
    expect(rows[0].body!.context).toBeUndefined(); // not a browser: no context.ip
    const source = await db.source.findUnique({ where: { id: s.id }, select: { firstEventAt: true } });
    expect(source?.firstEventAt).toBeInstanceOf(Date);
  });

  it("accepts browser short paths with the key in a text/plain body and adds context.ip", async () => {
    const s = await createTestSource({ type: "javascript" });
    for (const [path, type] of [
      ["t", "track"],
      ["i", "identify"],
      ["p", "page"],
      ["s", "screen"],
      ["g", "group"],
      ["a", "alias"],
    ]) {
      const body = {
        writeKey: s.writeKey,
        type,
        userId: "u1",
        previousId: "u0",
        groupId: "g",
        event: "Clicked",
        anonymousId: "anon",
      };
      const res = await post(`/v1/${path}`, body, {
        base: servers.node.url,
        headers: { "content-type": "text/plain", origin: "http://shop.example" },
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("http://shop.example");
    }
    const rows = await storedEvents(s.id, "accepted");
    expect(rows.map((r) => r.type)).toEqual(["track", "identify", "page", "screen", "group", "alias"]);
    expect(rows[0].body!.context.ip).toBe("127.0.0.1");
    expect(rows[0].body!.writeKey).toBeUndefined();
    // behind a proxy the first X-Forwarded-For hop wins
    await post(
      "/v1/t",
      { writeKey: s.writeKey, userId: "u", event: "E" },
      { headers: { origin: "http://x", "x-forwarded-for": "198.51.100.7, 10.0.0.1" } },
    );
    expect((await storedEvents(s.id)).at(-1)!.body!.context.ip).toBe("198.51.100.7");
  });

  it("answers the CORS preflight on every path and accepts /v1/m metrics", async () => {
    for (const base of [servers.web.url, servers.node.url]) {
      for (const path of ["/v1/t", "/v1/batch", "/v1/m"]) {
        const res = await fetch(`${base}${path}`, { method: "OPTIONS", headers: { origin: "http://a.example" } });
        expect(res.status).toBe(204);
        expect(res.headers.get("access-control-allow-origin")).toBe("http://a.example");
        expect(res.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
        expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization.*X-Retry-Count.*X-Strict-Mode/);
        expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThan(0);
      }
      expect((await post("/v1/m", { series: [] }, { base })).status).toBe(200);
    }
  });

  it("accepts a gzip batch and merges batch-level context and integrations", async () => {
    const s = await createTestSource({ type: "ios" });
    const batch = {
      batch: [
        { type: "track", userId: "u", event: "A", context: { app: { name: "X" } } },
        { type: "screen", userId: "u", name: "Home", integrations: { Amplitude: false } },
      ],
      context: { library: { name: "analytics-swift" }, app: { name: "ignored" } },
      integrations: { All: true },
    };
    for (const base of [servers.web.url, servers.node.url]) {
      const gz = zlib.gzipSync(JSON.stringify(batch));
      const res = await post("/v1/b", gz, {
        base,
        key: s.writeKey,
        headers: { "content-type": "text/plain", "content-encoding": "gzip" },
      });
      expect(res.status).toBe(200);
    }
    const rows = await storedEvents(s.id);
    expect(rows).toHaveLength(4);
    expect(rows[0].body!.context).toEqual({ library: { name: "analytics-swift" }, app: { name: "X" } });
    expect(rows[1].body!.integrations).toEqual({ All: true, Amplitude: false });
  });
});

describe("authentication", () => {
  it("401 for unknown or missing keys, 403 for a disabled source, and invalidateWriteKey takes effect at once", async () => {
    expect((await post("/v1/track", { userId: "u", event: "E" }, { key: "wk_nope" })).status).toBe(401);
    expect((await post("/v1/t", { writeKey: "wk_nope", userId: "u", event: "E" })).status).toBe(401);
    const missing = await post("/v1/t", { userId: "u", event: "E" });
    expect(missing.status).toBe(401);
    expect((await missing.json()).meta.errors[0]).toMatch(/Missing write key/);

    const s = await createTestSource();
    expect((await post("/v1/t", { userId: "u", event: "E" }, { key: s.writeKey })).status).toBe(200);
    await db.source.update({ where: { id: s.id }, data: { enabled: false } });
    invalidateWriteKey(s.writeKey);
    const disabled = await post("/v1/t", { writeKey: s.writeKey, userId: "u", event: "E" });
    expect(disabled.status).toBe(403);
    expect((await disabled.json()).meta.errors[0]).toMatch(/disabled/);
  });
});
