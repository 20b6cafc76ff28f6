import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// A worker thread running one of the project's plain-JavaScript modules (lib/eventlog/sqlite-thread.mjs,
// lib/pipeline/sqlite-writer-thread.mjs) from the project's directory — server.js's, else the working directory
// (the project root for npm scripts, Next and tests) — outside Next's bundle. The module is imported by URL from a
// one-line evaluated bootstrap: Turbopack rewrites `new Worker(file)` to start a bundled copy of the file (which
// fails to load), but leaves an evaluated one alone.

const holder = globalThis as unknown as { sluiceServer?: { dir?: string } };

/** Starts a thread running `relativePath` (from the project's root) with `workerData`. */
export function startModuleThread(relativePath: string, workerData: unknown): Worker {
  const file = path.join(holder.sluiceServer?.dir ?? process.cwd(), relativePath);
  return new Worker(`import(${JSON.stringify(pathToFileURL(file).href)})`, { eval: true, workerData });
}
