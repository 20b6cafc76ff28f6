// Seeds for integration tests: each test makes its own users and workspaces, so tests never share state.
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { createUserSession } from "@/lib/data/sessions";
import type { Role } from "@/lib/auth/roles";

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomBytes(5).toString("hex")}@example.test`;
}

export async function createTestUser(label?: string) {
  // A fixed cheap hash: these users sign in through session cookies minted below, not through bcrypt.
  return db.user.create({ data: { email: uniqueEmail(label), passwordHash: "x" }, select: { id: true, email: true } });
}

export async function createTestWorkspace(name = "Test workspace") {
  return db.workspace.create({ data: { name, settings: { create: {} } }, select: { id: true, name: true } });
}

export async function addMember(workspaceId: string, userId: string, role: Role) {
  await db.membership.create({ data: { workspaceId, userId, role } });
}

/** A user who is `role` in a fresh workspace, with a session cookie for requests. */
export async function seedMember(role: Role = "owner") {
  const user = await createTestUser(role);
  const workspace = await createTestWorkspace();
  await addMember(workspace.id, user.id, role);
  return { user, workspace, cookie: await sessionCookie(user.id) };
}

/** A workspace whose owner also has a plain member: `cookie` is the member's session, `ownerCookie` the owner's. */
export async function seedMemberWorkspace() {
  const owner = await seedMember("owner");
  const member = await createTestUser("member");
  await addMember(owner.workspace.id, member.id, "member");
  return { workspaceId: owner.workspace.id, cookie: await sessionCookie(member.id), ownerCookie: owner.cookie };
}

/** The cookie next-auth would set after sign-in (same secret, same JWT encoding, a session row behind it). */
export async function sessionCookie(userId: string, sessionId?: string): Promise<string> {
  const sid = sessionId ?? (await createUserSession(userId));
  const token = await encode({ token: { sub: userId, sid }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

export async function createTestAppKey(workspaceId: string, scope: "read" | "full", revoked = false) {
  const token = `sk_test_${crypto.randomBytes(16).toString("hex")}`;
  await db.appApiKey.create({
    data: {
      workspaceId,
      name: `${scope} key`,
      prefix: token.slice(0, 12),
      hash: hashToken(token),
      scope,
      revokedAt: revoked ? new Date() : null,
    },
  });
  return token;
}

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler function the way Next.js would, with a real Request. */
export async function callRoute<P extends object>(
  handler: Handler<P>,
  init: {
    method?: string;
    url?: string;
    params?: P;
    cookie?: string;
    bearer?: string;
    body?: unknown;
    rawBody?: string;
  },
) {
  const headers = new Headers();
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost${init.url ?? "/"}`, { method: init.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve((init.params ?? {}) as P) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
