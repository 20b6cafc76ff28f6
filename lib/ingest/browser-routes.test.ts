import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as chunkRoute from "@/app/(ingest)/v1/analytics-js/[file]/route";
import * as nextChunkRoute from "@/app/(ingest)/analytics-next/bundles/[file]/route";
import * as snippetRoute from "@/app/(ingest)/v1/analytics-js/snippet/[writeKey]/analytics.min.js/route";
import * as settingsRoute from "@/app/(ingest)/v1/projects/[writeKey]/settings/route";
import { createTestSource } from "./testing";

// The JavaScript source's GET routes: CDN settings, the loader with the key embedded, its chunks.

function get(url: string, headers: Record<string, string> = {}) {
  return new Request(url, { headers });
}
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

afterEach(() => {
  delete process.env.SLUICE_PUBLIC_URL;
});

describe("GET /v1/projects/:writeKey/settings", () => {
  it("answers 404 JSON for an unknown key", async () => {
    const res = await settingsRoute.GET(
      get("http://localhost/v1/projects/nope/settings"),
      params({ writeKey: "nope" }),
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Unknown write key" });
  });

  it("points apiHost at the request's host (or SLUICE_PUBLIC_URL) with metrics off, for both browser builds", async () => {
    const s = await createTestSource({ type: "javascript" });
    const url = `http://sluice.local:8080/v1/projects/${s.writeKey}/settings`;
    const res = await settingsRoute.GET(get(url, { origin: "http://shop.example" }), params({ writeKey: s.writeKey }));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://shop.example");
    const body = await res.json();
    // Customer.io's build reads "Customer.io Data Pipelines", Segment's analytics-next "Segment.io".
    expect(Object.keys(body.integrations)).toEqual(["Customer.io Data Pipelines", "Segment.io"]);
    for (const name of ["Customer.io Data Pipelines", "Segment.io"]) {
      expect(body.integrations[name]).toMatchObject({
        apiKey: s.writeKey,
        apiHost: "sluice.local:8080/v1",
        protocol: "http",
      });
    }
    expect(body.metrics).toEqual({ sampleRate: 0 });
    expect(body.remotePlugins).toEqual([]);

    const proxied = await settingsRoute.GET(
      get(url, { "x-forwarded-host": "cdp.example.com", "x-forwarded-proto": "https" }),
      params({ writeKey: s.writeKey }),
    );
    expect((await proxied.json()).integrations["Customer.io Data Pipelines"]).toMatchObject({
      apiHost: "cdp.example.com/v1",
      protocol: "https",
    });

    process.env.SLUICE_PUBLIC_URL = "https://data.example.org/sluice/";
    const configured = await settingsRoute.GET(get(url), params({ writeKey: s.writeKey }));
    expect((await configured.json()).integrations["Customer.io Data Pipelines"]).toMatchObject({
      apiHost: "data.example.org/sluice/v1",
      protocol: "https",
    });
  });

  it("adds the in-app plugin with the workspace's Site ID once in-app messaging is enabled", async () => {
    const s = await createTestSource({ type: "javascript" });
    const siteId = `site_${crypto.randomBytes(6).toString("hex")}`;
    await db.trackingApiKey.create({
      data: { workspaceId: s.workspaceId, name: "Web", siteId, apiKeyEncrypted: "x", apiKeyHash: crypto.randomUUID() },
    });
    const fetchSettings = async () =>
      (
        await settingsRoute.GET(get(`http://h/v1/projects/${s.writeKey}/settings`), params({ writeKey: s.writeKey }))
      ).json();
    expect((await fetchSettings()).integrations["Customer.io In-App Plugin"]).toBeUndefined();
    await db.workspaceSettings.update({ where: { workspaceId: s.workspaceId }, data: { inAppEnabled: true } });
    expect((await fetchSettings()).integrations["Customer.io In-App Plugin"]).toEqual({
      siteId,
      anonymousInApp: false,
    });
  });
});

describe("GET /v1/analytics-js/...", () => {
  it("serves the loader with the write key embedded", async () => {
    const res = await snippetRoute.GET(
      get("http://h/v1/analytics-js/snippet/wk_abc/analytics.min.js"),
      params({ writeKey: "wk_abc" }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/javascript/);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const js = await res.text();
    expect(js).toContain('window.analyticsWriteKey="wk_abc"');
    expect(js).not.toContain("__WRITE_KEY__");
    expect(js).toContain("v1\\/analytics-js\\/snippet"); // its CDN detection matches this very path
  });

  it("serves the lazy chunks and nothing else", async () => {
    const ok = await chunkRoute.GET(get("http://h/v1/analytics-js/inAppPlugin.js"), params({ file: "inAppPlugin.js" }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/javascript/);
    for (const file of ["../../package.json", "package.json", "standalone.js", "missing.js"]) {
      expect((await chunkRoute.GET(get("http://h/x"), params({ file }))).status, file).toBe(404);
    }
  });

  it("serves analytics-next's hashed chunks and nothing else", async () => {
    const file = "ajs-destination.bundle.40628baed746e9904edc.js";
    const ok = await nextChunkRoute.GET(get(`http://h/analytics-next/bundles/${file}`), params({ file }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("public, max-age=31536000");
    for (const bad of [
      "../../../package.json",
      "standalone.js",
      "ajs-destination.bundle.40628baed746e9904edc.js.map",
    ]) {
      expect((await nextChunkRoute.GET(get("http://h/x"), params({ file: bad }))).status, bad).toBe(404);
    }
  });
});
