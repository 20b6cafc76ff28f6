import { describe, expect, it } from "vitest";
import * as members from "@/app/api/workspaces/[workspaceId]/members/route";
import * as member from "@/app/api/workspaces/[workspaceId]/members/[membershipId]/route";
import * as invites from "@/app/api/workspaces/[workspaceId]/invites/route";
import * as invite from "@/app/api/workspaces/[workspaceId]/invites/[inviteId]/route";
import * as preview from "@/app/api/invites/[token]/route";
import * as accept from "@/app/api/invites/[token]/accept/route";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import {
  addMember,
  callRoute,
  createTestAppKey,
  createTestUser,
  seedMember,
  sessionCookie,
  uniqueEmail,
} from "@/lib/testing/fixtures";

/** A workspace with an owner, plus one more user per requested role, each with a cookie and membership id. */
async function seedTeam(...roles: Role[]) {
  const owner = await seedMember("owner");
  const others = [];
  for (const role of roles) {
    const user = await createTestUser(role);
    await addMember(owner.workspace.id, user.id, role);
    others.push({
      user,
      cookie: await sessionCookie(user.id),
      membershipId: await membershipId(owner.workspace.id, user.id),
    });
  }
  return {
    workspaceId: owner.workspace.id,
    owner: { ...owner, membershipId: await membershipId(owner.workspace.id, owner.user.id) },
    others,
  };
}

async function membershipId(workspaceId: string, userId: string): Promise<string> {
  const m = await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId } } });
  return m.id;
}

function inviteAs(cookie: string, workspaceId: string, body: unknown) {
  return callRoute(invites.POST, {
    method: "POST",
    cookie,
    params: { workspaceId },
    body,
    url: `/api/workspaces/${workspaceId}/invites`,
  });
}

function setRole(cookie: string, workspaceId: string, id: string, role: Role) {
  return callRoute(member.PATCH, {
    method: "PATCH",
    cookie,
    params: { workspaceId, membershipId: id },
    body: { role },
  });
}

function remove(cookie: string, workspaceId: string, id: string) {
  return callRoute(member.DELETE, { method: "DELETE", cookie, params: { workspaceId, membershipId: id } });
}

const tokenOf = (url: string) => url.split("/invite/")[1]!;

describe("invites", () => {
  it("invites a new user, who accepts and becomes a member with the role", async () => {
    const { workspaceId, owner } = await seedTeam();
    const email = uniqueEmail("new");
    const created = await inviteAs(owner.cookie, workspaceId, { email: ` ${email.toUpperCase()} `, role: "admin" });
    expect(created.status).toBe(201);
    expect(created.body.invite).toMatchObject({ email, role: "admin", invitedBy: { id: owner.user.id } });
    expect(created.body.url).toMatch(/^http:\/\/localhost\/invite\/inv_[\w-]+$/);
    expect(JSON.stringify(created.body)).not.toMatch(/tokenHash|passwordHash/);
    const token = tokenOf(created.body.url);
    const stored = await db.invite.findFirstOrThrow({ where: { workspaceId, email } });
    expect(stored.tokenHash).not.toContain(token);

    const list = await callRoute(members.GET, { cookie: owner.cookie, params: { workspaceId } });
    expect(list.body.invites).toEqual([expect.objectContaining({ email, role: "admin" })]);

    const seen = await callRoute(preview.GET, { params: { token } });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ workspace: { id: workspaceId }, email, role: "admin", hasAccount: false });

    const weak = await callRoute(accept.POST, { method: "POST", params: { token }, body: { password: "short" } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.fields.password).toEqual(["Use at least 8 characters"]);

    const joined = await callRoute(accept.POST, {
      method: "POST",
      params: { token },
      body: { name: "Nia New", password: "long enough password" },
    });
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({ workspaceId, email, role: "admin" });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Nia New");
    expect(user.passwordHash).not.toContain("long enough");

    const after = await callRoute(members.GET, { cookie: owner.cookie, params: { workspaceId } });
    expect(after.body.invites).toEqual([]);
    expect(after.body.members).toEqual([
      expect.objectContaining({ userId: owner.user.id, role: "owner" }),
      expect.objectContaining({ userId: user.id, email, name: "Nia New", role: "admin" }),
    ]);
    // The link is single-use.
    expect((await callRoute(preview.GET, { params: { token } })).status).toBe(404);
    const again = await callRoute(accept.POST, {
      method: "POST",
      params: { token },
      body: { password: "long enough password" },
    });
    expect(again.status).toBe(404);
    const audit = await db.auditLog.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["member.invite", "invite.accept"]);
  });

  it("builds the link from SLUICE_PUBLIC_URL when it is set", async () => {
    const { workspaceId, owner } = await seedTeam();
    process.env.SLUICE_PUBLIC_URL = "https://cdp.example.com/";
    try {
      const created = await inviteAs(owner.cookie, workspaceId, { email: uniqueEmail(), role: "member" });
      expect(created.body.url).toMatch(/^https:\/\/cdp\.example\.com\/invite\/inv_/);
    } finally {
      delete process.env.SLUICE_PUBLIC_URL;
    }
  });

  it("lets an existing user accept with their password, and refuses a wrong one", async () => {
    const { workspaceId, owner } = await seedTeam();
    const other = await seedMember("owner"); // has an account (password "x" is not a bcrypt hash: set one)
    const { hashPassword } = await import("@/lib/auth/password");
    await db.user.update({
      where: { id: other.user.id },
      data: { passwordHash: await hashPassword("their password") },
    });
    const created = await inviteAs(owner.cookie, workspaceId, { email: other.user.email, role: "member" });
    const token = tokenOf(created.body.url);
    expect((await callRoute(preview.GET, { params: { token } })).body.hasAccount).toBe(true);

    const wrong = await callRoute(accept.POST, { method: "POST", params: { token }, body: { password: "nope" } });
    expect(wrong.status).toBe(401);
    const ok = await callRoute(accept.POST, {
      method: "POST",
      params: { token },
      body: { password: "their password" },
    });
    expect(ok.status).toBe(200);
    expect(
      await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: other.user.id } } }),
    ).toMatchObject({ role: "member" });
  });

  it("throttles wrong passwords sent side by side like sign-in: they cannot all be checked", async () => {
    const { workspaceId, owner } = await seedTeam();
    const other = await seedMember("owner");
    const { hashPassword } = await import("@/lib/auth/password");
    await db.user.update({
      where: { id: other.user.id },
      data: { passwordHash: await hashPassword("their password") },
    });
    const created = await inviteAs(owner.cookie, workspaceId, { email: other.user.email, role: "member" });
    const token = tokenOf(created.body.url);
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callRoute(accept.POST, { method: "POST", params: { token }, body: { password: `guess ${i}` } }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    const limited = guesses.find((g) => g.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await db.loginThrottle.deleteMany({ where: { key: { contains: other.user.email } } });
  });

  it("answers 404 for an unknown or expired token", async () => {
    const { workspaceId, owner } = await seedTeam();
    expect((await callRoute(preview.GET, { params: { token: "inv_nope" } })).status).toBe(404);
    const unknown = await callRoute(accept.POST, {
      method: "POST",
      params: { token: "inv_nope" },
      body: { password: "long enough password" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/invalid, has expired/);

    const created = await inviteAs(owner.cookie, workspaceId, { email: uniqueEmail(), role: "member" });
    await db.invite.update({ where: { id: created.body.invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const token = tokenOf(created.body.url);
    expect((await callRoute(preview.GET, { params: { token } })).status).toBe(404);
    const expired = await callRoute(accept.POST, {
      method: "POST",
      params: { token },
      body: { password: "long enough password" },
    });
    expect(expired.status).toBe(404);
  });

  it("refuses to invite an existing member (409), a bad email (422), and replaces an earlier link", async () => {
    const { workspaceId, owner, others } = await seedTeam("member");
    const dup = await inviteAs(owner.cookie, workspaceId, { email: others[0]!.user.email, role: "admin" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe(`${others[0]!.user.email} is already a member of this workspace`);

    const bad = await inviteAs(owner.cookie, workspaceId, { email: "not-an-email", role: "boss" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toEqual({
      email: ["Enter a valid email address"],
      role: ["Choose owner, admin or member"],
    });

    const email = uniqueEmail();
    const first = await inviteAs(owner.cookie, workspaceId, { email, role: "member" });
    const second = await inviteAs(owner.cookie, workspaceId, { email, role: "admin" });
    expect((await callRoute(preview.GET, { params: { token: tokenOf(first.body.url) } })).status).toBe(404);
    expect((await callRoute(preview.GET, { params: { token: tokenOf(second.body.url) } })).body.role).toBe("admin");
  });

  it("checks roles: members cannot invite, admins cannot invite owners, admins can revoke", async () => {
    const { workspaceId, owner, others } = await seedTeam("admin", "member");
    const [admin, plain] = others;
    expect((await inviteAs(plain!.cookie, workspaceId, { email: uniqueEmail(), role: "member" })).status).toBe(403);
    const asOwner = await inviteAs(admin!.cookie, workspaceId, { email: uniqueEmail(), role: "owner" });
    expect(asOwner.status).toBe(403);
    expect(asOwner.body.error.message).toBe("Only owners can invite an owner");
    expect((await inviteAs(owner.cookie, workspaceId, { email: uniqueEmail(), role: "owner" })).status).toBe(201);

    const created = await inviteAs(admin!.cookie, workspaceId, { email: uniqueEmail(), role: "admin" });
    expect(created.status).toBe(201);
    const params = { workspaceId, inviteId: created.body.invite.id };
    expect((await callRoute(invite.DELETE, { method: "DELETE", cookie: plain!.cookie, params })).status).toBe(403);
    expect((await callRoute(invite.DELETE, { method: "DELETE", cookie: admin!.cookie, params })).status).toBe(204);
    expect((await callRoute(invite.DELETE, { method: "DELETE", cookie: admin!.cookie, params })).status).toBe(404);
    expect((await callRoute(preview.GET, { params: { token: tokenOf(created.body.url) } })).status).toBe(404);
  });

  it("refuses to accept when already a member (409)", async () => {
    const { workspaceId, owner, others } = await seedTeam("member");
    const created = await inviteAs(owner.cookie, workspaceId, { email: uniqueEmail(), role: "member" });
    // The invitee joined by another route meanwhile: point the invite at an existing member.
    await db.invite.update({ where: { id: created.body.invite.id }, data: { email: others[0]!.user.email } });
    const { hashPassword } = await import("@/lib/auth/password");
    await db.user.update({ where: { id: others[0]!.user.id }, data: { passwordHash: await hashPassword("pw") } });
    const res = await callRoute(accept.POST, {
      method: "POST",
      params: { token: tokenOf(created.body.url) },
      body: { password: "pw" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already a member/);
  });
});

describe("members", () => {
  it("lists members to any member, and hides other workspaces behind 404", async () => {
    const { workspaceId, others } = await seedTeam("member");
    const list = await callRoute(members.GET, { cookie: others[0]!.cookie, params: { workspaceId } });
    expect(list.status).toBe(200);
    expect(list.body.members.map((m: { role: string }) => m.role)).toEqual(["owner", "member"]);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|tokenHash/);

    const stranger = await seedMember("owner");
    const params = { workspaceId, membershipId: others[0]!.membershipId };
    expect((await callRoute(members.GET, { cookie: stranger.cookie, params: { workspaceId } })).status).toBe(404);
    expect((await setRole(stranger.cookie, workspaceId, params.membershipId, "admin")).status).toBe(404);
    expect((await remove(stranger.cookie, workspaceId, params.membershipId)).status).toBe(404);
    expect((await inviteAs(stranger.cookie, workspaceId, { email: uniqueEmail(), role: "member" })).status).toBe(404);
    // Ids from this workspace are not found through the stranger's own workspace either.
    expect((await setRole(stranger.cookie, stranger.workspace.id, params.membershipId, "admin")).status).toBe(404);
    expect((await remove(stranger.cookie, stranger.workspace.id, params.membershipId)).status).toBe(404);
    const { owner } = await seedTeam();
    const pending = await inviteAs(owner.cookie, owner.workspace.id, { email: uniqueEmail(), role: "member" });
    const revoke = { workspaceId: stranger.workspace.id, inviteId: pending.body.invite.id };
    expect((await callRoute(invite.DELETE, { method: "DELETE", cookie: stranger.cookie, params: revoke })).status).toBe(
      404,
    );
    expect((await callRoute(members.GET, { params: { workspaceId } })).status).toBe(401);
  });

  it("lets admins change roles but not make or unmake owners (403)", async () => {
    const { workspaceId, owner, others } = await seedTeam("admin", "member");
    const [admin, plain] = others;
    expect((await setRole(plain!.cookie, workspaceId, admin!.membershipId, "member")).status).toBe(403);
    const promoted = await setRole(admin!.cookie, workspaceId, plain!.membershipId, "admin");
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id: plain!.membershipId, role: "admin" });
    const toOwner = await setRole(admin!.cookie, workspaceId, plain!.membershipId, "owner");
    expect(toOwner.status).toBe(403);
    expect(toOwner.body.error.message).toBe("Only owners can grant or take away the owner role");
    expect((await setRole(admin!.cookie, workspaceId, owner.membershipId, "member")).status).toBe(403);
    expect((await setRole(owner.cookie, workspaceId, plain!.membershipId, "owner")).status).toBe(200);
    const bad = await setRole(owner.cookie, workspaceId, plain!.membershipId, "boss" as Role);
    expect(bad.status).toBe(422);
    const audit = await db.auditLog.findMany({ where: { workspaceId, action: "member.role_change" } });
    expect(audit).toHaveLength(2);
  });

  it("keeps the last owner: cannot be demoted or leave (409)", async () => {
    const { workspaceId, owner, others } = await seedTeam("admin");
    const demote = await setRole(owner.cookie, workspaceId, owner.membershipId, "admin");
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last owner/);
    const leave = await remove(owner.cookie, workspaceId, owner.membershipId);
    expect(leave.status).toBe(409);
    expect(leave.body.error.message).toMatch(/last owner/);

    // With a second owner, the first may step down.
    expect((await setRole(owner.cookie, workspaceId, others[0]!.membershipId, "owner")).status).toBe(200);
    expect((await setRole(owner.cookie, workspaceId, owner.membershipId, "admin")).status).toBe(200);
    expect((await setRole(others[0]!.cookie, workspaceId, others[0]!.membershipId, "member")).status).toBe(409);
  });

  it("removes members: admins remove members but not owners; anyone may leave", async () => {
    const { workspaceId, owner, others } = await seedTeam("admin", "member", "member", "owner");
    const [admin, plain, leaver, coOwner] = others;
    expect((await remove(plain!.cookie, workspaceId, admin!.membershipId)).status).toBe(403);
    const removeOwner = await remove(admin!.cookie, workspaceId, coOwner!.membershipId);
    expect(removeOwner.status).toBe(403);
    expect(removeOwner.body.error.message).toBe("Only owners can remove an owner");
    expect((await remove(admin!.cookie, workspaceId, plain!.membershipId)).status).toBe(204);
    expect((await remove(leaver!.cookie, workspaceId, leaver!.membershipId)).status).toBe(204);
    expect((await remove(owner.cookie, workspaceId, coOwner!.membershipId)).status).toBe(204);
    expect((await remove(owner.cookie, workspaceId, plain!.membershipId)).status).toBe(404);
    // A removed member no longer gets in.
    expect((await callRoute(members.GET, { cookie: plain!.cookie, params: { workspaceId } })).status).toBe(404);
    const audit = await db.auditLog.findMany({ where: { workspaceId }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["member.leave", "member.remove", "member.remove"]);
  });

  it("treats a full App API key as an admin: it can invite members but cannot touch owners", async () => {
    const { workspaceId, owner } = await seedTeam();
    const bearer = await createTestAppKey(workspaceId, "full");
    const created = await callRoute(invites.POST, {
      method: "POST",
      bearer,
      params: { workspaceId },
      body: { email: uniqueEmail(), role: "member" },
    });
    expect(created.status).toBe(201);
    expect(created.body.invite.invitedBy).toBeNull();
    const demote = await callRoute(member.PATCH, {
      method: "PATCH",
      bearer,
      params: { workspaceId, membershipId: owner.membershipId },
      body: { role: "admin" },
    });
    expect(demote.status).toBe(403);
  });
});
