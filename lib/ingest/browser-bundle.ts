import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { corsHeaders } from "./respond";

// The JavaScript source's loader: the standalone build of @customerio/cdp-analytics-browser, served at
// /v1/analytics-js/snippet/{writeKey}/analytics.min.js (the path its CDN detection recognises, so settings
// and lazy chunks are fetched from this Sluice) with the write key embedded, and its chunks at
// /v1/analytics-js/{file}.js. Pages that load Segment's own @segment/analytics-next with `_cdn` pointing at this
// Sluice fetch their lazy chunks from /analytics-next/bundles/{file}; those come from the same package version.

const DISTS = {
  customerio: "node_modules/@customerio/cdp-analytics-browser/dist/umd",
  segment: "node_modules/@segment/analytics-next/dist/umd",
} as const;
const CHUNK_NAME = /^[A-Za-z0-9_-]+\.js$/;
const SEGMENT_CHUNK_NAME = /^[A-Za-z0-9_-]+\.bundle\.[0-9a-f]+\.js$/;
const files = new Map<string, Promise<string | null>>();

function readDist(dist: keyof typeof DISTS, name: string): Promise<string | null> {
  const key = `${dist}/${name}`;
  let file = files.get(key);
  if (!file) {
    file = fs.readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), DISTS[dist], name), "utf8").catch(() => null);
    files.set(key, file);
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
  const standalone = await readDist("customerio", "standalone.js");
  if (!standalone) return new Response("analytics.js is not installed", { status: 500 });
  // The file holds `window.analyticsWriteKey="__WRITE_KEY__"`: the key goes into a double-quoted literal, escaped.
  const body = standalone.replaceAll("__WRITE_KEY__", JSON.stringify(writeKey).slice(1, -1));
  return new Response(body, { headers: jsHeaders(req, 300) });
}

export async function handleBundleChunk(req: Request, file: string): Promise<Response> {
  const body = CHUNK_NAME.test(file) && file !== "standalone.js" ? await readDist("customerio", file) : null;
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, { headers: jsHeaders(req, 3600) });
}

/** analytics-next's lazy chunks; their names carry a content hash, so they cache for a year. */
export async function handleAnalyticsNextChunk(req: Request, file: string): Promise<Response> {
  const body = SEGMENT_CHUNK_NAME.test(file) ? await readDist("segment", file) : null;
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, { headers: jsHeaders(req, 31_536_000) });
}
