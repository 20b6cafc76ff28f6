// `npm start`: builds when there is no build or the code changed since it (lib/build-fingerprint.cjs), then
// serves Sluice on PORT (default 3000), with the delivery worker inside (unless SLUICE_WORKER=0).
// `npm run worker` (`node server.js --worker`): the same build, prepared the same way (instrumentation starts the
// worker), but serving nothing: a delivery worker process of its own.
// Migrations and the headless admin run in instrumentation.ts, so plain `next start` behaves the same.
// A small custom server (the pattern Next.js documents): the ingest path bypasses Next's router without a
// second implementation, and every response gets the security headers and the connection limits.
const { spawnSync } = require("node:child_process");
const http = require("node:http");
const { recordBuildFingerprint, staleBuildReason } = require("./lib/build-fingerprint.cjs");
const { normalizeAddress, parseTrustProxy, resolveClient } = require("./lib/server/proxy-trust.cjs");
const {
  applySecurityHeaders,
  prerenderedScriptHashes,
  HSTS,
  RESOURCE_CSP,
  STATIC_HEADERS,
} = require("./lib/server/security-headers.cjs");

// Next replaces the global Date with a slower wrapper once it loads; the ingest path keeps the original.
const OriginalDate = Date;

// What held the memory (issue #15, #12): not a leak but garbage. Ingest rows wait for their commit, and deliveries
// for their receiver and outcome commit, longer than two young-generation collections, so nearly all of them are
// promoted to the old generation (measured: 6–18 MB/s) and die there. V8 collects the old generation only once it
// has grown by a factor of its own choosing — up to 4× what survived the last full collection with the 4 GB heap
// limit of a big machine — so under load the heap held 2–4× its live ~125 MB. A fixed factor bounds that garbage
// to a share of what is live; the limit still grows with the live heap (no cap to run out of), for a few more full
// collections (~50 ms each, every few seconds under full load). Process-wide, so it applies to the threads too;
// V8 reads it at each collection, so setting it here, before Next loads, is as good as a command-line flag.
const heapGrowingPercent = numberFromEnv("SLUICE_HEAP_GROWING_PERCENT", 50);
if (heapGrowingPercent > 0) require("node:v8").setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);

process.env.NODE_ENV = "production";
const isWorkerOnly = process.argv.includes("--worker");
if (isWorkerOnly) process.env.SLUICE_WORKER = "1";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const dir = __dirname;
const trustProxy = parseSetting(() => parseTrustProxy(process.env.SLUICE_TRUST_PROXY));
const publicUrlIsHttps = /^https:/i.test(process.env.SLUICE_PUBLIC_URL || "");
const limits = {
  // Ingest clients send small requests promptly; a peer that trickles its headers or body is cut off.
  headersTimeout: numberFromEnv("SLUICE_HEADERS_TIMEOUT_MS", 10_000),
  requestTimeout: numberFromEnv("SLUICE_REQUEST_TIMEOUT_MS", 30_000),
  // Longer than the 60 s idle timeout of common load balancers, so they, not Sluice, close idle connections.
  keepAliveTimeout: numberFromEnv("SLUICE_KEEP_ALIVE_TIMEOUT_MS", 65_000),
  maxConnectionsPerAddress: numberFromEnv("SLUICE_MAX_CONNECTIONS_PER_ADDRESS", 256),
};
// The header through which server.js tells Sluice (next-auth's authorize, invite acceptance) who the client is;
// lib/auth reads it only when this server set it (under plain `next start` a client could send it).
const CLIENT_ADDRESS_HEADER = "x-sluice-client-address";
// dir: where the event log's SQLite thread (lib/eventlog/sqlite-thread.mjs) is, outside the bundle.
globalThis.sluiceServer = { clientAddressHeader: CLIENT_ADDRESS_HEADER, Date: OriginalDate, dir: __dirname };

// The ingest fast path's share of the server: a static security header set (JSON answers: nothing to load, never
// framed; no per-response nonce), and the client address resolved only when a call needs it (browser calls).
const ingestHeaders = (isHttps) => {
  const flat = Object.entries(STATIC_HEADERS).flat();
  flat.push("Content-Security-Policy", RESOURCE_CSP);
  if (isHttps) flat.push("Strict-Transport-Security", HSTS);
  return flat;
};
const INGEST_HEADERS = ingestHeaders(false);
const INGEST_HEADERS_HTTPS = ingestHeaders(true);
const resolveRequestClient = (req) =>
  resolveClient(trustProxy, req.socket.remoteAddress, req.headers["x-forwarded-for"], req.headers["x-forwarded-proto"]);
const ingestHooks = {
  securityHeaders: (req) =>
    publicUrlIsHttps || (req.headers["x-forwarded-proto"] !== undefined && resolveRequestClient(req).isHttps)
      ? INGEST_HEADERS_HTTPS
      : INGEST_HEADERS,
  clientAddress: (req) => resolveRequestClient(req).address,
};

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
      // The worker's own timers are unref'd (they must not hold a web process open at exit); here they are all
      // this process is for, so keep it alive until a signal stops it. Without this, a worker that started
      // while another still held every lease had nothing pending and quietly exited.
      setInterval(() => {}, 60_000);
      return;
    }
    const scriptHashes = prerenderedScriptHashes(`${dir}/.next/server/app`); // of this build's static pages
    // Timeouts are enforced on each check of the connections, so check often enough for them to hold.
    const checkEvery = Math.max(250, Math.min(limits.headersTimeout, limits.requestTimeout || Infinity) / 4);
    const server = http.createServer({ connectionsCheckingInterval: checkEvery }, (req, res) => {
      // Ingest fast path. server.js cannot import lib/ingest (TypeScript, compiled into Next's bundle), so
      // lib/ingest registers its node:http handler on globalThis when Next first loads an ingest route; the
      // warm-up request below makes that happen at start-up. /v1/* calls then skip Next's router (about
      // 1 ms of CPU per request) and the per-request work below. Until it is registered, and for every other
      // path, Next serves as usual — through the same route handlers, so there is one implementation either way.
      const ingest = globalThis.sluiceIngest;
      if (ingest && req.url && req.url.startsWith("/v1/") && ingest.handleNodeIngest(req, res, ingestHooks)) return;
      const client = resolveRequestClient(req);
      req.headers[CLIENT_ADDRESS_HEADER] = client.address; // replaces any value the client sent
      applySecurityHeaders(req, res, { isHttps: publicUrlIsHttps || client.isHttps, scriptHashes });
      if (!isValidPath(req.url)) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end('{"error":{"code":"bad_request","message":"The request path is not a valid URL path"}}');
        return;
      }
      handle(req, res);
    });
    // requestTimeout covers receiving the request only: the debugger's event streams answer for hours.
    server.headersTimeout = limits.headersTimeout;
    server.requestTimeout = limits.requestTimeout;
    server.keepAliveTimeout = limits.keepAliveTimeout;
    capConnectionsPerAddress(server);
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

function parseSetting(parse) {
  try {
    return parse();
  } catch (err) {
    console.error(`[sluice] ${err.message}`);
    process.exit(1);
  }
}

function numberFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`[sluice] ${name} must be a whole number (0 turns it off), not "${raw}"`);
    process.exit(1);
  }
  return n;
}

/** At most SLUICE_MAX_CONNECTIONS_PER_ADDRESS open connections from one address: one client cannot hold every
 *  socket. Trusted proxies are exempt (all their clients share their address); they limit their clients. */
function capConnectionsPerAddress(server) {
  const max = limits.maxConnectionsPerAddress;
  if (!max) return;
  const open = new Map();
  server.on("connection", (socket) => {
    const address = normalizeAddress(socket.remoteAddress);
    if (trustProxy.hops !== 0 && trustProxy.isTrusted(address)) return;
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = open.get(address) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Loads an ingest route through Next once (a CORS preflight stores nothing), registering the fast path. */
function warmIngest() {
  const host = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  const req = http.request({ host, port, method: "OPTIONS", path: "/v1/b" }, (res) => res.resume());
  req.on("error", (err) => console.error("[sluice] ingest warm-up failed (Next still serves /v1/*):", err.message));
  req.end();
}

/** `POST *` or a path that is not valid percent-encoded UTF-8 would make Next's router throw (a 500). */
function isValidPath(url) {
  if (!url || !url.startsWith("/")) return false;
  if (!url.includes("%")) return true;
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}
