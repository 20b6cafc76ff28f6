import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closeEventLog } from "@/lib/eventlog";
import { callRoute, seedMember, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as sources from "@/app/api/workspaces/[workspaceId]/sources/route";
import * as source from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/route";
import * as install from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/install/route";
import * as catalog from "@/app/api/catalog/sources/route";
import * as settings from "@/app/api/workspaces/[workspaceId]/settings/route";
import * as trackingKeys from "@/app/api/workspaces/[workspaceId]/tracking-keys/route";

// Install instructions (snippets, public URL, in-app Site ID), source health and the catalog.
// Create / update / delete and the write key lifecycle are in sources.test.ts.

afterAll(() => closeEventLog());

async function create(workspaceId: string, cookie: string, body: unknown) {
  return callRoute(sources.POST, { method: "POST", cookie, params: { workspaceId }, body });
}

describe("install instructions", () => {
  it("renders the snippets with the write key and the request's origin, escaping the name", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const name = "</script><script>alert(1)";
    const s = await create(workspaceId, cookie, { type: "javascript", name });
    const params = { workspaceId, sourceId: s.body.id };
    const res = await callRoute(install.GET, { cookie, params, url: "/x" });
    expect(res.status).toBe(200);
    expect(res.body.publicUrl).toBe("http://localhost");
    expect(res.body.inApp).toEqual({ enabled: false, siteId: null, selectedKeyId: null, trackingKeys: [] });
    const html: string = res.body.snippets[0].code;
    expect(html).toContain(`analytics.load("${s.body.writeKey}");`);
    expect(html).toContain(`"http://localhost"+"/v1/analytics-js/snippet/"`);
    expect(html.match(/<\/?script/gi)).toEqual(["<script", "</script"]);
    expect(html).not.toContain("alert(1)</");
  });

  it("uses SLUICE_PUBLIC_URL when set", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const s = await create(workspaceId, cookie, { type: "nodejs", name: "Backend" });
    process.env.SLUICE_PUBLIC_URL = "https://cdp.example.com/";
    try {
      const res = await callRoute(install.GET, { cookie, params: { workspaceId, sourceId: s.body.id } });
      expect(res.body.publicUrl).toBe("https://cdp.example.com");
      expect(res.body.snippets[1].code).toContain('host: "https://cdp.example.com"');
    } finally {
      delete process.env.SLUICE_PUBLIC_URL;
    }
  });

  it("fills in the Site ID of the chosen tracking key when in-app is on, and never lists API keys", async () => {
    const { workspaceId, cookie, ownerCookie } = await seedMemberWorkspace();
    const first = await callRoute(trackingKeys.POST, {
      method: "POST",
      cookie: ownerCookie,
      params: { workspaceId },
      body: { name: "Website" },
    });
    const second = await callRoute(trackingKeys.POST, {
      method: "POST",
      cookie: ownerCookie,
      params: { workspaceId },
      body: { name: "App" },
    });
    const s = await create(workspaceId, cookie, { type: "javascript", name: "Web" });
    const params = { workspaceId, sourceId: s.body.id };
    await callRoute(settings.PATCH, {
      method: "PATCH",
      cookie: ownerCookie,
      params: { workspaceId },
      body: { inAppEnabled: true },
    });

    let res = await callRoute(install.GET, { cookie, params });
    expect(res.body.inApp).toMatchObject({ enabled: true, siteId: first.body.siteId, selectedKeyId: first.body.id });
    expect(res.body.inApp.trackingKeys).toEqual([
      { id: first.body.id, name: "Website", siteId: first.body.siteId },
      { id: second.body.id, name: "App", siteId: second.body.siteId },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(first.body.apiKey);
    expect(res.body.snippets[0].code).toContain(`{ siteId: "${first.body.siteId}" }`);

    const picked = await callRoute(source.PATCH, {
      method: "PATCH",
      cookie,
      params,
      body: { inAppSiteKeyId: second.body.id },
    });
    expect(picked.body.inAppSiteKeyId).toBe(second.body.id);
    res = await callRoute(install.GET, { cookie, params });
    expect(res.body.inApp).toMatchObject({ siteId: second.body.siteId, selectedKeyId: second.body.id });

    const other = await seedMember("owner");
    const foreignKey = await callRoute(trackingKeys.POST, {
      method: "POST",
      cookie: other.cookie,
      params: { workspaceId: other.workspace.id },
      body: { name: "Theirs" },
    });
    const bad = await callRoute(source.PATCH, {
      method: "PATCH",
      cookie,
      params,
      body: { inAppSiteKeyId: foreignKey.body.id },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.inAppSiteKeyId).toBeDefined();
  });
});

describe("health and catalog", () => {
  it("reports receiving / no data / errors / paused from the event log", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const make = async (name: string) => (await create(workspaceId, cookie, { type: "http", name })).body;
    const [receiving, quiet, failing, paused] = await Promise.all(["a", "b", "c", "d"].map(make));
    const event = (sourceId: string, status: string, ageMs: number, n: number) => ({
      workspaceId,
      sourceId,
      messageId: `${status}-${ageMs}-${n}`,
      type: "track",
      payload: "{}",
      receivedAt: new Date(Date.now() - ageMs),
      status,
    });
    await db.event.createMany({
      data: [
        event(receiving!.id, "accepted", 60_000, 1),
        event(receiving!.id, "accepted", 60_000, 2),
        event(quiet!.id, "accepted", 25 * 3600_000, 1),
        event(failing!.id, "accepted", 60_000, 1),
        event(failing!.id, "rejected", 60_000, 1),
        event(failing!.id, "rejected", 2 * 3600_000, 2),
      ],
    });
    await callRoute(source.PATCH, {
      method: "PATCH",
      cookie,
      params: { workspaceId, sourceId: paused!.id },
      body: { enabled: false },
    });
    const list = await callRoute(sources.GET, { cookie, params: { workspaceId } });
    const health = Object.fromEntries(
      list.body.sources.map((s: { name: string; health: unknown }) => [s.name, s.health]),
    );
    expect(health).toEqual({
      a: { status: "receiving", accepted24h: 2, rejected1h: 0 },
      b: { status: "no_data", accepted24h: 0, rejected1h: 0 },
      c: { status: "errors", accepted24h: 1, rejected1h: 1 },
      d: { status: "paused", accepted24h: 0, rejected1h: 0 },
    });
  });

  it("lists the catalog for signed-in users only", async () => {
    const { cookie } = await seedMemberWorkspace();
    const res = await callRoute(catalog.GET, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.sources[0]).toMatchObject({ type: "javascript", isRecommended: true, category: "website" });
    expect(res.body.sources[0].snippets).toBeUndefined();
    expect(res.body.categories.map((c: { id: string }) => c.id)).toEqual(["website", "server", "mobile", "other"]);
    expect((await callRoute(catalog.GET, {})).status).toBe(401);
  });
});
