import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, readJson, withWorkspace } from "@/lib/api";
import { callRoute, seedMember } from "@/lib/testing/fixtures";

// Each wrapper must keep its status: errors are never turned into 200s or 500s on the way out.
describe("withWorkspace", () => {
  it("maps AppError, ZodError and unknown errors onto the envelope and status", async () => {
    const a = await seedMember("member");
    const params = { workspaceId: a.workspace.id };
    const cases: [() => never, number, string][] = [
      [
        () => {
          throw new AppError("conflict", "Taken");
        },
        409,
        "conflict",
      ],
      [
        () => {
          throw new AppError("rate_limited", "Slow down", undefined, { "retry-after": "3" });
        },
        429,
        "rate_limited",
      ],
      [() => z.object({ n: z.number() }).parse({}) as never, 422, "validation_failed"],
      [
        () => {
          throw Object.assign(new Error("unique"), { code: "P2002" });
        },
        409,
        "conflict",
      ],
    ];
    for (const [fail, status, code] of cases) {
      const handler = withWorkspace({ role: "member" }, async () => fail());
      const res = await callRoute(handler, { cookie: a.cookie, params });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
  });

  it("answers a crash with 500, a request id and no stack trace", async () => {
    const a = await seedMember("member");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = withWorkspace({ role: "member" }, async () => {
      throw new Error("secret internals at /srv/app.ts:42");
    });
    const res = await callRoute(handler, { cookie: a.cookie, params: { workspaceId: a.workspace.id } });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("internal_error");
    expect(res.body.error.message).toMatch(/request id [0-9a-f-]{36}/);
    expect(JSON.stringify(res.body)).not.toMatch(/secret internals|app\.ts|at /);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("checks the role before running the handler", async () => {
    const a = await seedMember("member");
    const run = vi.fn(async () => Response.json({}));
    const res = await callRoute(withWorkspace({ role: "owner" }, run), {
      cookie: a.cookie,
      params: { workspaceId: a.workspace.id },
    });
    expect(res.status).toBe(403);
    expect(run).not.toHaveBeenCalled();
  });

  it("rejects a malformed Authorization header with 401", async () => {
    const handler = withWorkspace({ role: "member" }, async () => Response.json({}));
    const req = new Request("http://localhost/", { headers: { authorization: "Token abc" } });
    const res = await handler(req, { params: Promise.resolve({ workspaceId: "x" }) });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/Bearer/);
  });
});

describe("readJson", () => {
  it("treats an empty body as an empty object and rejects broken JSON with 400", async () => {
    expect(await readJson(new Request("http://x", { method: "POST", body: "" }))).toEqual({});
    await expect(readJson(new Request("http://x", { method: "POST", body: "{" }))).rejects.toMatchObject({
      status: 400,
    });
  });
});
