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

describe("role matrix over every management endpoint", async () => {
  const endpoints = await loadEndpoints();

  it("finds the endpoints, each wrapped in withWorkspace with a declared role", () => {
    expect(endpoints.length).toBeGreaterThan(5);
    for (const e of endpoints) expect(e.handler.requiredRole, e.name).toMatch(/^(owner|admin|member)$/);
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

      expect(await status({}), `${e.name} anonymous`).toBe(401);
      expect(await status({ cookie: outsider.cookie }), `${e.name} non-member`).toBe(404);
      for (const role of ["owner", "admin", "member"] as const) {
        const got = await status({ cookie: cookies[role] });
        if (hasRole(role, required)) expect([401, 403], `${e.name} as ${role}`).not.toContain(got);
        else expect(got, `${e.name} as ${role}`).toBe(403);
      }
      const full = await status({ authorization: `Bearer ${fullKey}` });
      if (hasRole("admin", required)) expect([401, 403], `${e.name} full key`).not.toContain(full);
      else expect(full, `${e.name} full key`).toBe(403);
      const read = await status({ authorization: `Bearer ${readKey}` });
      if (e.method === "GET" && required === "member") expect([401, 403], `${e.name} read key`).not.toContain(read);
      else expect(read, `${e.name} read key`).toBe(403);
    }
  });
});
