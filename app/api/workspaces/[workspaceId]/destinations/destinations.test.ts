import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getCatalogDestination } from "@/lib/destinations/catalog";
import { setConnectOverrideForTests } from "@/lib/destinations/http";
import { startReceiver, type Receiver } from "@/lib/destinations/test-receiver";
import { callRoute as rawCall, createTestAppKey, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as catalog from "@/app/api/catalog/destinations/route";
import * as catalogEntry from "@/app/api/catalog/destinations/[slug]/route";
import * as destinations from "@/app/api/workspaces/[workspaceId]/destinations/route";
import * as destination from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/route";
import * as testConnection from "@/app/api/workspaces/[workspaceId]/destinations/[destinationId]/test-connection/route";

// The destinations management API against the real database; every answer is kept so the last test can check
// that no secret ever left the server.
const SECRETS = ["whsec-never-shown-7f3a", "cio-api-key-never-shown-91b2", "cio-replaced-key-never-shown-4c1d"];
const bodies: string[] = [];
const callRoute: typeof rawCall = async (handler, init) => {
  const res = await rawCall(handler, init);
  bodies.push(JSON.stringify(res.body ?? null));
  return res;
};

let receiver: Receiver;
beforeAll(async () => {
  // Customer.io's authentication test calls https://track.customer.io/auth: a local receiver answers it.
  receiver = await startReceiver((req, res) => {
    const ok = req.headers.authorization === `Basic ${Buffer.from(`site-1:${SECRETS[1]}`).toString("base64")}`;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(ok ? "{}" : '{"meta":{"error":"Unauthorized request"}}');
  });
  setConnectOverrideForTests(({ host }) =>
    host === "track.customer.io" ? { host: "127.0.0.1", port: receiver.port } : null,
  );
});
afterAll(async () => {
  setConnectOverrideForTests(null);
  await receiver.close();
});

async function seedWithSource() {
  const ws = await seedMemberWorkspace();
  const source = await db.source.create({
    data: { workspaceId: ws.workspaceId, type: "http", name: "HTTP", writeKey: `wk-${crypto.randomUUID()}` },
  });
  return { ...ws, sourceId: source.id };
}

const cioSettings = { siteId: "site-1", apiKey: SECRETS[1], accountRegion: "US 🇺🇸" };

describe("destination catalog API", () => {
  it("lists summaries and answers one entry, to a signed-in user or an App API key only", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    expect((await callRoute(catalog.GET, {})).status).toBe(401);
    const list = await callRoute(catalog.GET, { cookie });
    expect(list.status).toBe(200);
    expect(list.body.destinations.length).toBeGreaterThanOrEqual(150);
    expect(list.body.destinations.find((d: { slug: string }) => d.slug === "webhook")).toEqual(
      expect.objectContaining({ name: "Webhook", category: "Webhooks & Automation", actionCount: 1, builtin: false }),
    );
    const key = await createTestAppKey(workspaceId, "read");
    expect((await callRoute(catalog.GET, { bearer: key })).status).toBe(200);
    expect((await callRoute(catalog.GET, { bearer: await createTestAppKey(workspaceId, "full", true) })).status).toBe(
      401,
    );

    const entry = await callRoute(catalogEntry.GET, { cookie, params: { slug: "customerio" } });
    expect(entry.status).toBe(200);
    expect(entry.body).toEqual(getCatalogDestination("customerio"));
    expect((await callRoute(catalogEntry.GET, { cookie, params: { slug: "nope" } })).status).toBe(404);
    expect((await callRoute(catalogEntry.GET, { params: { slug: "webhook" } })).status).toBe(401);
  });
});

describe("destinations API", () => {
  it("creates a destination with its presets and connections, secrets encrypted and never returned", async () => {
    const { workspaceId, cookie, sourceId } = await seedWithSource();
    const created = await callRoute(destinations.POST, {
      method: "POST",
      cookie,
      params: { workspaceId },
      body: { slug: "customerio", name: " Journeys ", settings: cioSettings, sourceIds: [sourceId] },
    });
    expect(created.status).toBe(201);
    const presets = getCatalogDestination("customerio")!.presets;
    expect(created.body).toMatchObject({
      slug: "customerio",
      name: "Journeys",
      enabled: true,
      settings: { accountRegion: "US 🇺🇸" },
      secretsSet: expect.arrayContaining(["apiKey"]),
      sourceIds: [sourceId],
    });
    expect(created.body.settings).not.toHaveProperty("apiKey");
    expect(created.body.actions).toHaveLength(presets.length);
    expect(
      created.body.actions.map((a: { actionKey: string; trigger: string; mapping: unknown }) => [
        a.actionKey,
        a.trigger,
        a.mapping,
      ]),
    ).toEqual(presets.map((p) => [p.actionKey, p.trigger, p.mapping]));
    const row = await db.destination.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.settings).not.toContain(SECRETS[1]);
    expect(JSON.parse(row.settings!).apiKey).toMatch(/^v1\./);

    const list = await callRoute(destinations.GET, { cookie, params: { workspaceId } });
    expect(list.body.destinations).toEqual([created.body]);
    const one = await callRoute(destination.GET, { cookie, params: { workspaceId, destinationId: created.body.id } });
    expect(one.body).toEqual(created.body);
  });

  it("answers 422 on the field for an unknown slug, invalid or unknown settings and an empty name", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const post = (body: unknown) =>
      callRoute(destinations.POST, { method: "POST", cookie, params: { workspaceId }, body });
    const fieldsOf = async (body: unknown) => {
      const res = await post(body);
      expect(res.status).toBe(422);
      return res.body.error.details.fields;
    };
    expect(await fieldsOf({ slug: "no-such-thing", name: "X" })).toEqual({
      slug: [expect.stringContaining("no-such-thing")],
    });
    expect(
      await fieldsOf({ slug: "customerio", name: "X", settings: { ...cioSettings, accountRegion: "Mars" } }),
    ).toEqual({
      "settings.accountRegion": [expect.stringContaining("must be one of")],
    });
    expect(await fieldsOf({ slug: "customerio", name: "X", settings: { accountRegion: "US 🇺🇸" } })).toHaveProperty([
      "settings.apiKey",
    ]);
    expect(await fieldsOf({ slug: "webhook", name: "X", settings: { bogus: 1 } })).toEqual({
      "settings.bogus": [expect.stringContaining("no setting")],
    });
    expect(await fieldsOf({ slug: "webhook", name: "  " })).toEqual({ name: ["Enter a name"] });
    expect(await fieldsOf({ slug: "webhook", name: "X", settings: "nope" })).toHaveProperty("settings");
    expect(await db.destination.count({ where: { workspaceId } })).toBe(0);
  });

  it("answers 404 for another workspace's sources and destinations, the same as for ids that do not exist", async () => {
    const mine = await seedWithSource();
    const theirs = await seedWithSource();
    const post = (sourceIds: string[]) =>
      callRoute(destinations.POST, {
        method: "POST",
        cookie: mine.cookie,
        params: { workspaceId: mine.workspaceId },
        body: { slug: "webhook", name: "Hook", sourceIds },
      });
    const foreign = await post([theirs.sourceId]);
    const missing = await post(["does-not-exist"]);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body.error.message.replace(theirs.sourceId, "ID")).toBe(
      missing.body.error.message.replace("does-not-exist", "ID"),
    );

    const created = await post([mine.sourceId]);
    const params = { workspaceId: mine.workspaceId, destinationId: created.body.id };
    const patch = await callRoute(destination.PATCH, {
      method: "PATCH",
      cookie: mine.cookie,
      params,
      body: { sourceIds: [theirs.sourceId] },
    });
    expect(patch.status).toBe(404);
    expect((await callRoute(destination.GET, { cookie: mine.cookie, params })).body.sourceIds).toEqual([mine.sourceId]);
    const otherParams = { workspaceId: theirs.workspaceId, destinationId: created.body.id };
    expect((await callRoute(destination.GET, { cookie: theirs.cookie, params: otherParams })).status).toBe(404);
    expect(
      (await callRoute(destination.DELETE, { method: "DELETE", cookie: theirs.cookie, params: otherParams })).status,
    ).toBe(404);
  });

  it("patches name, enabled, settings (left out keeps, null clears) and connections, auditing each change", async () => {
    const { workspaceId, cookie, sourceId } = await seedWithSource();
    const created = await callRoute(destinations.POST, {
      method: "POST",
      cookie,
      params: { workspaceId },
      body: { slug: "webhook", name: "Hook", settings: { sharedSecret: SECRETS[0] } },
    });
    const params = { workspaceId, destinationId: created.body.id };
    const patch = (body: unknown) => callRoute(destination.PATCH, { method: "PATCH", cookie, params, body });
    const renamed = await patch({ name: "Orders hook", enabled: false, sourceIds: [sourceId], settings: {} });
    expect(renamed.body).toMatchObject({
      name: "Orders hook",
      enabled: false,
      sourceIds: [sourceId],
      secretsSet: ["sharedSecret"],
    });
    const cleared = await patch({ settings: { sharedSecret: null }, sourceIds: [] });
    expect(cleared.body).toMatchObject({ secretsSet: [], sourceIds: [] });
    expect((await patch({})).status).toBe(422);
    expect((await patch({ settings: { nope: "x" } })).body.error.details.fields).toHaveProperty(["settings.nope"]);

    const audit = await db.auditLog.findMany({
      where: { workspaceId },
      orderBy: { id: "asc" },
      select: { action: true, details: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "destination.create",
      "destination.rename",
      "destination.disable",
      "destination.connections",
      "destination.settings",
      "destination.connections",
    ]);
    expect(audit.map((a) => a.details).join()).not.toContain(SECRETS[0]);

    expect((await callRoute(destination.DELETE, { method: "DELETE", cookie, params })).body).toEqual({
      id: created.body.id,
    });
    expect((await callRoute(destination.GET, { cookie, params })).status).toBe(404);
    expect(await db.action.count({ where: { destinationId: created.body.id } })).toBe(0);
  });

  it("tests the connection with the definition's own request and answers the vendor's error", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const create = async (slug: string, settings: object) =>
      (
        await callRoute(destinations.POST, {
          method: "POST",
          cookie,
          params: { workspaceId },
          body: { slug, name: slug, settings },
        })
      ).body.id;
    const good = await create("customerio", cioSettings);
    const res = await callRoute(testConnection.POST, {
      method: "POST",
      cookie,
      params: { workspaceId, destinationId: good },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      requests: [{ request: { method: "GET", url: "https://track.customer.io/auth" } }],
    });
    expect(receiver.received.at(-1)?.headers.host).toBe("track.customer.io");

    const bad = await create("customerio", { ...cioSettings, apiKey: SECRETS[2] });
    const failed = await callRoute(testConnection.POST, {
      method: "POST",
      cookie,
      params: { workspaceId, destinationId: bad },
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ ok: false, error: expect.stringMatching(/Credentials are invalid: 401/) });
    expect(failed.body.requests[0].response.status).toBe(401);

    const webhook = await create("webhook", {});
    const none = await callRoute(testConnection.POST, {
      method: "POST",
      cookie,
      params: { workspaceId, destinationId: webhook },
    });
    expect(none.status).toBe(422);
    expect(none.body.error.message).toMatch(/no connection test/);
  });

  it("never sent a secret in any response", () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const secret of SECRETS) expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
    // The Basic credentials of the authentication test are redacted too.
    expect(bodies.filter((b) => b.includes(Buffer.from(`site-1:${SECRETS[1]}`).toString("base64")))).toEqual([]);
  });
});
