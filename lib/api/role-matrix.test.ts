import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasRole, type Role } from "@/lib/auth/roles";
import { addMember, createTestAppKey, createTestUser, seedMember, sessionCookie } from "@/lib/testing/fixtures";

// Every management endpoint under /api/workspaces/[workspaceId] is called by every kind of caller. A route added
// later joins this test by existing; one that forgets withWorkspace fails it.
const apiRoot = path.join(process.cwd(), "app/api/workspaces/[workspaceId]");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function findRoutes(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRoutes(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  requiredRole?: Role;
};

async function loadEndpoints() {
  const endpoints: { name: string; method: string; handler: Handler; params: Record<string, string> }[] = [];
  for (const file of findRoutes(apiRoot)) {
    const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(file));
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
    const params = Object.fromEntries([...rel.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, "does-not-exist"]));
    for (const method of METHODS) {
      if (mod[method]) endpoints.push({ name: `${method} /${rel}`, method, handler: mod[method], params });
    }
  }
  return endpoints;
}

async function call(handler: Handler, method: string, params: Record<string, string>, headers: Record<string, string>) {
  const init: RequestInit = { method, headers: { ...headers, "content-type": "application/json" } };
  if (method !== "GET") init.body = "{}";
  return handler(new Request("http://localhost/api", init), { params: Promise.resolve(params) });
}

/** Answers that mean "authorized, and the handler ran": success, or the request's own fault. */
const answers = [200, 201, 204, 404, 409, 422];

// The exact answer each endpoint gives an allowed caller here: unknown ids are 404, an empty body that the schema
// refuses is 422. A 500 (or a 403 for an allowed role) fails the test.
const allowedStatus: Record<string, number> = {
  "GET /api/workspaces/[workspaceId]": 200,
  "PATCH /api/workspaces/[workspaceId]": 422,
  "GET /api/workspaces/[workspaceId]/settings": 200,
  "PATCH /api/workspaces/[workspaceId]/settings": 200,
  "GET /api/workspaces/[workspaceId]/sources": 200,
  "POST /api/workspaces/[workspaceId]/sources": 422,
  "GET /api/workspaces/[workspaceId]/sources/[sourceId]": 404,
  "PATCH /api/workspaces/[workspaceId]/sources/[sourceId]": 422,
  "DELETE /api/workspaces/[workspaceId]/sources/[sourceId]": 404,
  "GET /api/workspaces/[workspaceId]/sources/[sourceId]/install": 404,
  "POST /api/workspaces/[workspaceId]/sources/[sourceId]/rotate-key": 404,
  "POST /api/workspaces/[workspaceId]/sources/[sourceId]/test-event": 404,
  "GET /api/workspaces/[workspaceId]/events": 200,
  "GET /api/workspaces/[workspaceId]/events/stream": 200,
  "GET /api/workspaces/[workspaceId]/members": 200,
  "PATCH /api/workspaces/[workspaceId]/members/[membershipId]": 422,
  "DELETE /api/workspaces/[workspaceId]/members/[membershipId]": 404,
  "POST /api/workspaces/[workspaceId]/invites": 422,
  "DELETE /api/workspaces/[workspaceId]/invites/[inviteId]": 404,
  "GET /api/workspaces/[workspaceId]/tracking-keys": 200,
  "POST /api/workspaces/[workspaceId]/tracking-keys": 422,
  "PATCH /api/workspaces/[workspaceId]/tracking-keys/[keyId]": 422,
  "DELETE /api/workspaces/[workspaceId]/tracking-keys/[keyId]": 404,
  "POST /api/workspaces/[workspaceId]/tracking-keys/[keyId]/reveal": 404,
  "POST /api/workspaces/[workspaceId]/tracking-keys/[keyId]/regenerate": 404,
  "GET /api/workspaces/[workspaceId]/app-keys": 200,
  "POST /api/workspaces/[workspaceId]/app-keys": 422,
  "DELETE /api/workspaces/[workspaceId]/app-keys/[keyId]": 404,
};

describe("role matrix over every management endpoint", async () => {
  const endpoints = await loadEndpoints();

  it("finds the endpoints, each wrapped in withWorkspace with a declared role", () => {
    expect(endpoints.length).toBeGreaterThan(5);
    for (const e of endpoints) expect(e.handler.requiredRole, e.name).toMatch(/^(owner|admin|member)$/);
    // A pinned answer for an endpoint that no longer exists would check nothing.
    const names = new Set(endpoints.map((e) => e.name));
    for (const name of Object.keys(allowedStatus)) expect(names, name).toContain(name);
  });

  it("answers each caller as its role allows", async () => {
    const { workspace, cookie: ownerCookie } = await seedMember("owner");
    const cookies: Record<Role, string> = { owner: ownerCookie, admin: "", member: "" };
    for (const role of ["admin", "member"] as const) {
      const user = await createTestUser(role);
      await addMember(workspace.id, user.id, role);
      cookies[role] = await sessionCookie(user.id);
    }
    const outsider = await seedMember("owner"); // owner of another workspace only
    const fullKey = await createTestAppKey(workspace.id, "full");
    const readKey = await createTestAppKey(workspace.id, "read");

    for (const e of endpoints) {
      const params = { ...e.params, workspaceId: workspace.id };
      const required = e.handler.requiredRole!;
      const status = async (headers: Record<string, string>) =>
        (await call(e.handler, e.method, params, headers)).status;

      // What an allowed caller gets for this request (ids that do not exist, an empty body): pinned for the
      // endpoints below, and for a new one the owner's answer, which must be a real answer (never 401/403/5xx).
      const allowed = allowedStatus[e.name] ?? (await status({ cookie: cookies.owner }));
      expect(answers, `${e.name}: what an allowed caller gets`).toContain(allowed);

      expect(await status({}), `${e.name} anonymous`).toBe(401);
      expect(await status({ cookie: outsider.cookie }), `${e.name} non-member`).toBe(404);
      for (const role of ["owner", "admin", "member"] as const) {
        const got = await status({ cookie: cookies[role] });
        expect(got, `${e.name} as ${role}`).toBe(hasRole(role, required) ? allowed : 403);
      }
      const full = await status({ authorization: `Bearer ${fullKey}` });
      expect(full, `${e.name} full key`).toBe(hasRole("admin", required) ? allowed : 403);
      const read = await status({ authorization: `Bearer ${readKey}` });
      expect(read, `${e.name} read key`).toBe(e.method === "GET" && required === "member" ? allowed : 403);
    }
  });
});
