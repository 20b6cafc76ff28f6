import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { callRoute, seedMember, addMember, createTestUser, sessionCookie } from "@/lib/testing/fixtures";
import * as trackingKeys from "@/app/api/workspaces/[workspaceId]/tracking-keys/route";
import * as trackingKey from "@/app/api/workspaces/[workspaceId]/tracking-keys/[keyId]/route";
import * as regenerate from "@/app/api/workspaces/[workspaceId]/tracking-keys/[keyId]/regenerate/route";
import * as reveal from "@/app/api/workspaces/[workspaceId]/tracking-keys/[keyId]/reveal/route";
import * as appKeys from "@/app/api/workspaces/[workspaceId]/app-keys/route";
import * as appKey from "@/app/api/workspaces/[workspaceId]/app-keys/[keyId]/route";
import * as workspace from "@/app/api/workspaces/[workspaceId]/route";
import * as settings from "@/app/api/workspaces/[workspaceId]/settings/route";

async function seedAdminAndMember() {
  const admin = await seedMember("admin");
  const member = await createTestUser("member");
  await addMember(admin.workspace.id, member.id, "member");
  return { admin, memberCookie: await sessionCookie(member.id), workspaceId: admin.workspace.id };
}

describe("tracking API keys", () => {
  it("creates, lists masked, renames, reveals (audited), regenerates and revokes", async () => {
    const { admin, workspaceId } = await seedAdminAndMember();
    const cookie = admin.cookie;
    const created = await callRoute(trackingKeys.POST, {
      method: "POST",
      cookie,
      params: { workspaceId },
      body: { name: "Website" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Website", siteId: expect.stringMatching(/^[0-9a-f]{20}$/) });
    const apiKey: string = created.body.apiKey;
    expect(apiKey).toMatch(/^[0-9a-f]{20}$/);

    // Stored encrypted and hashed, never in plaintext; listed masked.
    const row = await db.trackingApiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(row)).not.toContain(apiKey);
    expect(row.apiKeyHash).toBe(hashToken(apiKey));
    const list = await callRoute(trackingKeys.GET, { cookie, params: { workspaceId } });
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    expect(list.body.trackingKeys[0].apiKeyMasked).toBe(`••••••••${apiKey.slice(-4)}`);

    const params = { workspaceId, keyId: created.body.id };
    const renamed = await callRoute(trackingKey.PATCH, { method: "PATCH", cookie, params, body: { name: "Web app" } });
    expect(renamed.body.name).toBe("Web app");

    const revealed = await callRoute(reveal.POST, { method: "POST", cookie, params });
    expect(revealed.body.apiKey).toBe(apiKey);
    const audit = await db.auditLog.findMany({ where: { workspaceId, action: "tracking_key.reveal" } });
    expect(audit).toEqual([expect.objectContaining({ actorUserId: admin.user.id, targetId: created.body.id })]);

    const regenerated = await callRoute(regenerate.POST, { method: "POST", cookie, params });
    expect(regenerated.body.siteId).toBe(created.body.siteId);
    expect(regenerated.body.apiKey).not.toBe(apiKey);
    expect(await db.trackingApiKey.findUnique({ where: { apiKeyHash: hashToken(apiKey) } })).toBeNull();

    const revoked = await callRoute(trackingKey.DELETE, { method: "DELETE", cookie, params });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await callRoute(regenerate.POST, { method: "POST", cookie, params })).status).toBe(409);
  });

  it("is for admins and owners only, and scoped to the workspace", async () => {
    const { memberCookie, workspaceId, admin } = await seedAdminAndMember();
    expect((await callRoute(trackingKeys.GET, { cookie: memberCookie, params: { workspaceId } })).status).toBe(403);
    expect(
      (
        await callRoute(trackingKeys.POST, {
          method: "POST",
          cookie: memberCookie,
          params: { workspaceId },
          body: { name: "x" },
        })
      ).status,
    ).toBe(403);
    const other = await seedMember("owner");
    const key = await callRoute(trackingKeys.POST, {
      method: "POST",
      cookie: other.cookie,
      params: { workspaceId: other.workspace.id },
      body: { name: "Theirs" },
    });
    // An admin of one workspace cannot reach another workspace's key, even through their own workspace's URL.
    const params = { workspaceId, keyId: key.body.id };
    expect((await callRoute(reveal.POST, { method: "POST", cookie: admin.cookie, params })).status).toBe(404);
    expect((await callRoute(trackingKey.DELETE, { method: "DELETE", cookie: admin.cookie, params })).status).toBe(404);
  });

  it("rejects an empty name with 422", async () => {
    const { admin, workspaceId } = await seedAdminAndMember();
    const res = await callRoute(trackingKeys.POST, {
      method: "POST",
      cookie: admin.cookie,
      params: { workspaceId },
      body: { name: " " },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual({ name: ["Enter a name"] });
  });
});

describe("App API keys", () => {
  it("shows the token once, authorizes the management API with it, and stops it on revoke", async () => {
    const { admin, workspaceId } = await seedAdminAndMember();
    const created = await callRoute(appKeys.POST, {
      method: "POST",
      cookie: admin.cookie,
      params: { workspaceId },
      body: { name: "CI", scope: "read" },
    });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^sk_sluice_/);
    expect(created.body.prefix).toBe(token.slice(0, 14));

    const list = await callRoute(appKeys.GET, { cookie: admin.cookie, params: { workspaceId } });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(await db.appApiKey.findMany({ where: { workspaceId } }))).not.toContain(token);

    expect((await callRoute(workspace.GET, { bearer: token, params: { workspaceId } })).status).toBe(200);
    const used = await callRoute(appKeys.GET, { cookie: admin.cookie, params: { workspaceId } });
    expect(used.body.appKeys[0].lastUsedAt).not.toBeNull();

    await callRoute(appKey.DELETE, {
      method: "DELETE",
      cookie: admin.cookie,
      params: { workspaceId, keyId: created.body.id },
    });
    expect((await callRoute(workspace.GET, { bearer: token, params: { workspaceId } })).status).toBe(401);
  });

  it("requires a valid scope", async () => {
    const { admin, workspaceId } = await seedAdminAndMember();
    const res = await callRoute(appKeys.POST, {
      method: "POST",
      cookie: admin.cookie,
      params: { workspaceId },
      body: { name: "x", scope: "root" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.scope).toEqual(["Choose read-only or full access"]);
  });
});

describe("workspace settings", () => {
  it("lets members read and admins switch in-app messaging", async () => {
    const { admin, memberCookie, workspaceId } = await seedAdminAndMember();
    const read = await callRoute(settings.GET, { cookie: memberCookie, params: { workspaceId } });
    expect(read.body).toEqual({
      inAppEnabled: false,
      retentionDays: 7,
      retentionMaxEvents: 1_000_000,
      anonymousMergeWindow: 30,
      inAppKey: null, // no tracking key yet
    });
    const denied = await callRoute(settings.PATCH, {
      method: "PATCH",
      cookie: memberCookie,
      params: { workspaceId },
      body: { inAppEnabled: true },
    });
    expect(denied.status).toBe(403);
    const on = await callRoute(settings.PATCH, {
      method: "PATCH",
      cookie: admin.cookie,
      params: { workspaceId },
      body: { inAppEnabled: true },
    });
    expect(on.body.inAppEnabled).toBe(true);
    const bad = await callRoute(settings.PATCH, {
      method: "PATCH",
      cookie: admin.cookie,
      params: { workspaceId },
      body: { retentionDays: 0, surprise: 1 },
    });
    expect(bad.status).toBe(422);
  });
});
