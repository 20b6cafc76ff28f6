import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { corsHeaders } from "./respond";

// The JavaScript source's loader: the standalone build of @customerio/cdp-analytics-browser, served at
// /v1/analytics-js/snippet/{writeKey}/analytics.min.js (the path its CDN detection recognises, so settings
// and lazy chunks are fetched from this Sluice) with the write key embedded, and its chunks at
// /v1/analytics-js/{file}.js.

const DIST = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  "node_modules/@customerio/cdp-analytics-browser/dist/umd",
);
const CHUNK_NAME = /^[A-Za-z0-9_-]+\.js$/;
const files = new Map<string, Promise<string | null>>();

function readDist(name: string): Promise<string | null> {
  let file = files.get(name);
  if (!file) {
    file = fs.readFile(path.join(DIST, name), "utf8").catch(() => null);
    files.set(name, file);
  }
  return file;
}

function jsHeaders(req: Request, maxAge: number) {
  return {
    ...corsHeaders({ header: (n) => req.headers.get(n) ?? undefined }),
    "Content-Type": "application/javascript; charset=utf-8",
    "Cache-Control": `public, max-age=${maxAge}`,
  };
}

export async function handleSnippet(req: Request, writeKey: string): Promise<Response> {
  const standalone = await readDist("standalone.js");
  if (!standalone) return new Response("analytics.js is not installed", { status: 500 });
  // The file holds `window.analyticsWriteKey="__WRITE_KEY__"`: the key goes into a double-quoted literal, escaped.
  const body = standalone.replaceAll("__WRITE_KEY__", JSON.stringify(writeKey).slice(1, -1));
  return new Response(body, { headers: jsHeaders(req, 300) });
}

export async function handleBundleChunk(req: Request, file: string): Promise<Response> {
  const body = CHUNK_NAME.test(file) && file !== "standalone.js" ? await readDist(file) : null;
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, { headers: jsHeaders(req, 3600) });
}
