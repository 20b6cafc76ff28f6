import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySecurityHeaders, pagePolicy, prerenderedScriptHashes } from "@/lib/server/security-headers.cjs";

// A real node:http server doing what server.js does before Next answers: the request's CSP header is what
// Next reads its nonce from, so the test echoes it back.
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, { isHttps: req.headers["x-test-https"] === "1" });
    res.end(String(req.headers["content-security-policy"] ?? ""));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("applySecurityHeaders", () => {
  it("gives pages a fresh nonce policy and hands Next the same one, whatever the client sent", async () => {
    const res = await fetch(`${base}/ws/debugger`, { headers: { "content-security-policy": "script-src 'nonce-x'" } });
    const policy = res.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await res.text()).toBe(policy);
    const next = await fetch(`${base}/ws/debugger`);
    expect(next.headers.get("content-security-policy")).not.toBe(policy);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("gives the API, ingest and static files a policy that loads nothing, and no nonce to Next", async () => {
    for (const path of ["/api/health", "/v1/t", "/_next/static/x.js"]) {
      const res = await fetch(`${base}${path}`, { headers: { "content-security-policy": "script-src 'nonce-x'" } });
      expect(res.headers.get("content-security-policy"), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(await res.text()).toBe("");
    }
  });

  it("sends HSTS only over https", async () => {
    expect((await fetch(`${base}/`)).headers.get("strict-transport-security")).toBeNull();
    const https = await fetch(`${base}/`, { headers: { "x-test-https": "1" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });
});

describe("prerenderedScriptHashes", () => {
  it("allows the inline scripts of the pages Next prerendered (served without a nonce) by hash", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-prerendered-"));
    try {
      fs.mkdirSync(path.join(dir, "nested"));
      const inline = "(self.__next_f=self.__next_f||[]).push([0])";
      fs.writeFileSync(
        path.join(dir, "_not-found.html"),
        `<html><script src="/_next/static/a.js" async></script><script>${inline}</script></html>`,
      );
      fs.writeFileSync(path.join(dir, "nested", "page.html"), `<script id="_R_">${inline}</script><script></script>`);
      const hash = `sha256-${crypto.createHash("sha256").update(inline).digest("base64")}`;
      expect(prerenderedScriptHashes(dir)).toEqual([hash]);
      expect(pagePolicy("abc", [hash])).toContain(`script-src 'self' 'nonce-abc' '${hash}';`);
      expect(prerenderedScriptHashes(path.join(dir, "missing"))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
