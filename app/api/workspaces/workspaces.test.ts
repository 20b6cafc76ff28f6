import { describe, expect, it } from "vitest";
import * as collection from "@/app/api/workspaces/route";
import * as item from "@/app/api/workspaces/[workspaceId]/route";
import { db } from "@/lib/db";
import { callRoute, createTestAppKey, seedMember, sessionCookie, createTestUser } from "@/lib/testing/fixtures";

describe("GET/POST /api/workspaces", () => {
  it("refuses anonymous callers with 401", async () => {
    const res = await callRoute(collection.GET, {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("lists only the caller's workspaces with their role", async () => {
    const a = await seedMember("admin");
    await seedMember("owner"); // someone else's workspace
    const res = await callRoute(collection.GET, { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.body.workspaces).toEqual([expect.objectContaining({ id: a.workspace.id, role: "admin" })]);
  });

  it("creates a workspace owned by the caller", async () => {
    const a = await seedMember("member");
    const created = await callRoute(collection.POST, {
      method: "POST",
      cookie: a.cookie,
      body: { name: "  Second  " },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Second", role: "owner" });
    const list = await callRoute(collection.GET, { cookie: a.cookie });
    expect(list.body.workspaces.map((w: { id: string }) => w.id)).toEqual([a.workspace.id, created.body.id]);
  });

  it("answers invalid input with 422 and field details", async () => {
    const a = await seedMember();
    const res = await callRoute(collection.POST, { method: "POST", cookie: a.cookie, body: { name: "" } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.name).toEqual(["Enter a name"]);
  });

  it("answers a body that is not JSON with 400", async () => {
    const a = await seedMember();
    const res = await callRoute(collection.POST, { method: "POST", cookie: a.cookie, rawBody: "{nope" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });

  it("refuses a forged session cookie", async () => {
    const res = await callRoute(collection.GET, { cookie: "next-auth.session-token=forged" });
    expect(res.status).toBe(401);
  });
});

describe("/api/workspaces/:workspaceId", () => {
  it("lets an admin rename and refuses a member with 403", async () => {
    const admin = await seedMember("admin");
    const renamed = await callRoute(item.PATCH, {
      method: "PATCH",
      cookie: admin.cookie,
      params: { workspaceId: admin.workspace.id },
      body: { name: "Renamed" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Renamed");
    const audit = await db.auditLog.findMany({ where: { workspaceId: admin.workspace.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "workspace.rename",
        actorUserId: admin.user.id,
        details: '{"name":"Renamed"}',
      }),
    ]);

    const member = await createTestUser("member");
    const { addMember } = await import("@/lib/testing/fixtures");
    await addMember(admin.workspace.id, member.id, "member");
    const denied = await callRoute(item.PATCH, {
      method: "PATCH",
      cookie: await sessionCookie(member.id),
      params: { workspaceId: admin.workspace.id },
      body: { name: "Nope" },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/admin role/);
  });

  it("hides another workspace behind 404", async () => {
    const a = await seedMember("owner");
    const b = await seedMember("owner");
    const res = await callRoute(item.GET, { cookie: a.cookie, params: { workspaceId: b.workspace.id } });
    expect(res.status).toBe(404);
    const patch = await callRoute(item.PATCH, {
      method: "PATCH",
      cookie: a.cookie,
      params: { workspaceId: b.workspace.id },
      body: { name: "Hijack" },
    });
    expect(patch.status).toBe(404);
  });

  it("accepts App API keys for their own workspace only, read-only keys for reads only", async () => {
    const a = await seedMember("owner");
    const b = await seedMember("owner");
    const full = await createTestAppKey(a.workspace.id, "full");
    const read = await createTestAppKey(a.workspace.id, "read");
    const revoked = await createTestAppKey(a.workspace.id, "full", true);
    const params = { workspaceId: a.workspace.id };

    expect((await callRoute(item.GET, { bearer: read, params })).status).toBe(200);
    expect((await callRoute(item.PATCH, { method: "PATCH", bearer: read, params, body: { name: "x" } })).status).toBe(
      403,
    );
    expect(
      (await callRoute(item.PATCH, { method: "PATCH", bearer: full, params, body: { name: "By key" } })).status,
    ).toBe(200);
    expect((await callRoute(item.GET, { bearer: full, params: { workspaceId: b.workspace.id } })).status).toBe(404);
    expect((await callRoute(item.GET, { bearer: revoked, params })).status).toBe(401);
    expect((await callRoute(item.GET, { bearer: "sk_unknown", params })).status).toBe(401);
  });
});
