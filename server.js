// `npm start`: builds when there is no build or the code changed since it (lib/build-fingerprint.cjs), then
// serves Sluice on PORT (default 3000), with the delivery worker inside (unless SLUICE_WORKER=0).
// `npm run worker` (`node server.js --worker`): the same build, prepared the same way (instrumentation starts the
// worker), but serving nothing: a delivery worker process of its own.
// Migrations and the headless admin run in instrumentation.ts, so plain `next start` behaves the same.
// A small custom server (the pattern Next.js documents) so the ingest path can bypass Next's router later
// without a second implementation.
const { spawnSync } = require("node:child_process");
const http = require("node:http");
const { recordBuildFingerprint, staleBuildReason } = require("./lib/build-fingerprint.cjs");

process.env.NODE_ENV = "production";
const isWorkerOnly = process.argv.includes("--worker");
if (isWorkerOnly) process.env.SLUICE_WORKER = "1";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const dir = __dirname;

const staleBuild = staleBuildReason(dir);
if (staleBuild) {
  console.log(`[sluice] ${staleBuild}: running \`next build\` (about a minute)…`);
  // The destination catalog the server reads (npm's prebuild does the same for `npm run build`).
  const catalog = spawnSync(process.execPath, ["lib/destinations/generate-catalog.cjs"], {
    cwd: dir,
    stdio: "inherit",
  });
  if (catalog.status !== 0) process.exit(catalog.status ?? 1);
  const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: dir,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordBuildFingerprint(dir);
}

const next = require("next");
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();

/** SIGTERM / SIGINT: stop accepting, let the worker hand its work back and the event log flush, then exit. */
function onShutdown(server) {
  let isStopping = false;
  const stop = async () => {
    if (isStopping) return;
    isStopping = true;
    server?.close();
    server?.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref(); // whatever still hangs does not keep the process
    try {
      await globalThis.sluiceShutdown?.();
    } catch (err) {
      console.error("[sluice] shutdown:", err);
    }
    server?.closeAllConnections(); // open live streams
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

app
  .prepare()
  .then(() => {
    if (isWorkerOnly) {
      console.log("[sluice] delivery worker running (no web server in this process)");
      onShutdown(null);
      return;
    }
    const server = http.createServer((req, res) => {
      // Ingest fast path. server.js cannot import lib/ingest (TypeScript, compiled into Next's bundle), so
      // lib/ingest registers its node:http handler on globalThis when Next first loads an ingest route; the
      // warm-up request below makes that happen at start-up. /v1/* calls then skip Next's router (about
      // 1 ms of CPU per request). Until it is registered, and for every other path, Next serves as usual —
      // through the same route handlers, so there is one implementation either way.
      const ingest = globalThis.sluiceIngest;
      if (ingest && req.url && req.url.startsWith("/v1/") && ingest.handleNodeIngest(req, res)) return;
      handle(req, res);
    });
    server.listen(port, hostname, () => {
      console.log(`[sluice] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
      warmIngest();
    });
    onShutdown(server);
  })
  .catch((err) => {
    console.error("[sluice] failed to start:", err);
    process.exit(1);
  });

/** Loads an ingest route through Next once (a CORS preflight stores nothing), registering the fast path. */
function warmIngest() {
  const host = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  const req = http.request({ host, port, method: "OPTIONS", path: "/v1/b" }, (res) => res.resume());
  req.on("error", (err) => console.error("[sluice] ingest warm-up failed (Next still serves /v1/*):", err.message));
  req.end();
}
