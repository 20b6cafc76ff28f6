import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { callRoute, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as sources from "@/app/api/workspaces/[workspaceId]/sources/route";
import * as source from "@/app/api/workspaces/[workspaceId]/sources/[sourceId]/route";
import * as destination from "@/app/api/workspaces/[workspaceId]/destinations/route";
import * as person from "@/app/api/workspaces/[workspaceId]/people/[personId]/route";
import { identify } from "@/lib/people";

// A change and its audit record are one transaction: when the record cannot be written, the change is not
// applied either (it used to be: the record was written after the change had committed, and the 500 lied).
const failing = vi.hoisted(() => ({ action: null as string | null }));
vi.mock("@/lib/data/audit", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/data/audit")>();
  return {
    ...actual,
    recordAudit: (...args: Parameters<typeof actual.recordAudit>) => {
      if (args[3] === failing.action) throw new Error("the audit log is unavailable");
      return actual.recordAudit(...args);
    },
  };
});

afterEach(() => {
  failing.action = null;
});

describe("audited changes", () => {
  it("are not applied when their audit record fails", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const created = await callRoute(sources.POST, {
      method: "POST",
      cookie,
      params: { workspaceId },
      body: { type: "nodejs", name: "Server" },
    });
    expect(created.status).toBe(201);
    const params = { workspaceId, sourceId: created.body.id };

    failing.action = "source.disable";
    const disabled = await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { enabled: false } });
    expect(disabled.status).toBe(500);
    expect(await db.source.findUnique({ where: { id: created.body.id }, select: { enabled: true } })).toEqual({
      enabled: true,
    });

    failing.action = "source.create";
    const refused = await callRoute(sources.POST, {
      method: "POST",
      cookie,
      params: { workspaceId },
      body: { type: "nodejs", name: "Second" },
    });
    expect(refused.status).toBe(500);
    failing.action = "destination.create";
    const noDestination = await callRoute(destination.POST, {
      method: "POST",
      cookie,
      params: { workspaceId },
      body: { slug: "webhook", name: "Hook", settings: {} },
    });
    expect(noDestination.status, JSON.stringify(noDestination.body)).toBe(500);
    expect(await db.source.count({ where: { workspaceId, name: "Second" } })).toBe(0);
    expect(await db.destination.count({ where: { workspaceId, name: "Hook" } })).toBe(0);

    failing.action = null;
    const renamed = await callRoute(source.PATCH, { method: "PATCH", cookie, params, body: { name: "Backend" } });
    expect(renamed.body.name).toBe("Backend");
    const audit = await db.auditLog.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["source.create", "source.rename"]);
  });

  it("a person's deletion is not applied when its audit record fails (inside the people store's transaction)", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    const personId = (await identify(workspaceId, { identifiers: { id: "audited-person" } })).personId!;
    failing.action = "person.delete";
    const res = await callRoute(person.DELETE, { method: "DELETE", cookie, params: { workspaceId, personId } });
    expect(res.status).toBe(500);
    expect(await db.person.count({ where: { id: personId } })).toBe(1);
  });
});
