// Test helpers for lib/ingest: a real node:http server in front of the ingest handlers, and seeds.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { closeEventLog } from "@/lib/eventlog";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { handleIngest, handleNodeIngest, ingestKindForPath } from "@/lib/ingest";

/** "web": node req → Web Request → handleIngest (the route handlers' door); "node": server.js's fast path. */
export type Door = "web" | "node";

export async function startIngestServer(door: Door = "web") {
  const server = http.createServer((req, res) => {
    if (door === "node") {
      if (!handleNodeIngest(req, res)) res.writeHead(404).end();
      return;
    }
    const kind = ingestKindForPath(req.url ?? "");
    if (!kind) return void res.writeHead(404).end();
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const hasBody = req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS";
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      duplex: "half",
    } as RequestInit);
    void handleIngest(request, kind).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  // Longer than fetch's own idle timeout (4 s), as server.js's: the client, not the server, closes an idle
  // connection, so a test that pauses (a long flood of lookups on a busy machine) never POSTs into one just closed.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function createTestSource(opts: { enabled?: boolean; type?: string } = {}) {
  const workspace = await createTestWorkspace();
  const writeKey = `wk_test_${crypto.randomBytes(8).toString("hex")}`;
  const source = await db.source.create({
    data: {
      workspaceId: workspace.id,
      type: opts.type ?? "nodejs",
      name: "Test source",
      writeKey,
      enabled: opts.enabled ?? true,
    },
    select: { id: true, workspaceId: true, writeKey: true },
  });
  return source;
}

export function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
}

/** The stored events of a source, oldest first, with payloads parsed when they are JSON. */
export async function storedEvents(sourceId: string, status?: "accepted" | "rejected") {
  const rows = await db.event.findMany({ where: { sourceId, ...(status ? { status } : {}) }, orderBy: { id: "asc" } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary payload paths
  return rows.map((r) => ({ ...r, body: parseOrNull(r.payload) as Record<string, any> | null }));
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** POSTs a JSON body (or raw text / bytes) to an ingest path, with Basic auth when `key` is given. */
export function postJson(
  base: string,
  path: string,
  body: unknown,
  init: { key?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.key) headers.authorization = basic(init.key);
  const payload = typeof body === "string" ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body);
  return fetch(`${base}${path}`, { method: "POST", headers, body: payload });
}

/**
 * Starts one server per door (route handler and server.js fast path) for a test file, closes them and the
 * event log afterwards; `post` sends JSON to the route handler's door unless `base` says otherwise.
 */
export function setUpIngestServers() {
  const servers = {} as {
    web: Awaited<ReturnType<typeof startIngestServer>>;
    node: Awaited<ReturnType<typeof startIngestServer>>;
  };
  beforeAll(async () => {
    servers.web = await startIngestServer("web");
    servers.node = await startIngestServer("node");
  });
  afterAll(async () => {
    await servers.web.close();
    await servers.node.close();
    await closeEventLog();
  });
  const post = (
    path: string,
    body: unknown,
    init: { key?: string; headers?: Record<string, string>; base?: string } = {},
  ) => postJson(init.base ?? servers.web.url, path, body, init);
  return { servers, post };
}
