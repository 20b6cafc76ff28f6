import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, readJson, withErrors, withUser, withWorkspace } from "@/lib/api";
import { callRoute, createTestAppKey, seedMember } from "@/lib/testing/fixtures";

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
    expect(await readJson(new Request("http://x", { method: "POST" }))).toEqual({});
    const broken = new Request("http://x", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    await expect(readJson(broken)).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe("cross-site requests (CSRF)", () => {
  const ok = vi.fn(async () => Response.json({ ok: true }));
  const call = (handler: ReturnType<typeof withWorkspace>, workspaceId: string, headers: Record<string, string>) =>
    handler(
      new Request("http://127.0.0.1:3000/", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } }),
      {
        params: Promise.resolve({ workspaceId }),
      },
    );

  it("refuses a signed-in change from another origin or site, and accepts Sluice's own pages", async () => {
    const a = await seedMember("owner");
    const handler = withWorkspace({ role: "member" }, ok);
    const statusFor = async (headers: Record<string, string>) =>
      (await call(handler, a.workspace.id, { cookie: a.cookie, ...headers })).status;
    ok.mockClear();
    expect(await statusFor({ origin: "http://127.0.0.1:4000" })).toBe(403); // another port: same site
    expect(await statusFor({ origin: "http://evil.127.0.0.1:3000" })).toBe(403);
    expect(await statusFor({ origin: "null" })).toBe(403);
    expect(await statusFor({ "sec-fetch-site": "same-site" })).toBe(403);
    expect(await statusFor({ "sec-fetch-site": "cross-site" })).toBe(403);
    expect(ok).not.toHaveBeenCalled();
    const res = await call(handler, a.workspace.id, { cookie: a.cookie, origin: "http://127.0.0.1:4000" });
    expect((await res.json()).error).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/another site/),
    });

    expect(await statusFor({ origin: "http://127.0.0.1:3000" })).toBe(200);
    expect(await statusFor({ origin: "https://cdp.example", "x-forwarded-host": "cdp.example" })).toBe(200);
    expect(await statusFor({ "sec-fetch-site": "same-origin" })).toBe(200);
    expect(await statusFor({})).toBe(200); // not a browser: nothing to forge
    // Reading is not a change.
    const get = await handler(
      new Request("http://127.0.0.1:3000/", { headers: { cookie: a.cookie, origin: "http://127.0.0.1:4000" } }),
      { params: Promise.resolve({ workspaceId: a.workspace.id }) },
    );
    expect(get.status).toBe(200);
  });

  it("compares with SLUICE_PUBLIC_URL when it is set", async () => {
    const a = await seedMember("owner");
    const handler = withWorkspace({ role: "member" }, ok);
    process.env.SLUICE_PUBLIC_URL = "https://cdp.example.com/";
    try {
      expect(
        (await call(handler, a.workspace.id, { cookie: a.cookie, origin: "https://cdp.example.com" })).status,
      ).toBe(200);
      expect((await call(handler, a.workspace.id, { cookie: a.cookie, origin: "http://127.0.0.1:3000" })).status).toBe(
        403,
      );
    } finally {
      delete process.env.SLUICE_PUBLIC_URL;
    }
  });

  it("leaves App API keys alone and guards withUser and the public handlers too", async () => {
    const a = await seedMember("owner");
    const key = await createTestAppKey(a.workspace.id, "full");
    const foreign = { origin: "http://127.0.0.1:4000" };
    const handler = withWorkspace({ role: "member" }, ok);
    expect((await call(handler, a.workspace.id, { authorization: `Bearer ${key}`, ...foreign })).status).toBe(200);
    const asUser = withUser(ok);
    const req = (headers: Record<string, string>) =>
      new Request("http://127.0.0.1:3000/", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });
    expect((await asUser(req({ cookie: a.cookie, ...foreign }))).status).toBe(403);
    expect((await asUser(req({ cookie: a.cookie }))).status).toBe(200);
    const open = withErrors(ok);
    expect((await open(req(foreign), {})).status).toBe(403);
    expect((await open(req({ origin: "http://127.0.0.1:3000" }), {})).status).toBe(200);
  });
});

describe("readJson's content type", () => {
  const post = (body: string | FormData | URLSearchParams, headers: Record<string, string> = {}) =>
    readJson(new Request("http://x", { method: "POST", body, headers }));

  it("refuses the bodies a cross-site form can send with 415", async () => {
    const json = JSON.stringify({ email: "a@b.test", role: "owner" });
    for (const attempt of [
      post(json, { "content-type": "text/plain" }),
      post(new URLSearchParams({ email: "a@b.test" })),
      post(Object.assign(new FormData(), {}) as FormData),
      post(json, { "content-type": "text/plain;charset=UTF-8" }),
    ]) {
      await expect(attempt).rejects.toMatchObject({ status: 415, code: "unsupported_media_type" });
    }
    const unlabelled = new Request("http://x", { method: "POST", body: new Blob([json]) });
    await expect(readJson(unlabelled)).rejects.toMatchObject({ status: 415 });
  });

  it("reads JSON by its type, an empty unlabelled body, and App API key calls without a type", async () => {
    expect(await post('{"a":1}', { "content-type": "application/json; charset=utf-8" })).toEqual({ a: 1 });
    expect(await post('{"a":1}', { "content-type": "application/merge-patch+json" })).toEqual({ a: 1 });
    expect(await readJson(new Request("http://x", { method: "DELETE" }))).toEqual({});
    const bearer = new Request("http://x", {
      method: "POST",
      body: new Blob(['{"a":2}']),
      headers: { authorization: "Bearer k" },
    });
    expect(await readJson(bearer)).toEqual({ a: 2 });
  });
});
