// The security headers every response carries (pages, the management API, ingest through either door).
// Plain CommonJS: server.js sets them before Next or the ingest fast path answers; next.config.js sends the
// static ones under plain `next start` too.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const STATIC_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY", // the old spelling of frame-ancestors 'none', for browsers without CSP 2
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

// JSON, event streams and the analytics.js loader: nothing in them may load anything or be framed. A script's
// own CSP does not apply where it runs, so third-party sites keep loading analytics.js.
const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The pages' policy: Next's inline scripts carry the per-response nonce (Next reads it from the request's
 *  Content-Security-Policy header); the pages Next prerendered at build time (the 404 page) cannot, so their
 *  inline scripts are allowed by hash (`scriptHashes`). Everything else comes from Sluice itself; the
 *  debugger's stream is same-origin (connect-src 'self'). Inline style attributes are allowed: React sets some. */
function pagePolicy(nonce, scriptHashes = []) {
  return [
    "default-src 'self'",
    ["script-src 'self'", `'nonce-${nonce}'`, ...scriptHashes.map((h) => `'${h}'`)].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The sha256 sources of the inline scripts in the HTML pages Next prerendered under `appDir`
 *  (.next/server/app), which are served as built, without a nonce. */
function prerenderedScriptHashes(appDir) {
  const hashes = new Set();
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no build yet, or not a prerendered folder
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith(".html")) {
        const html = fs.readFileSync(file, "utf8");
        for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
          if (m[1]) hashes.add(`sha256-${crypto.createHash("sha256").update(m[1]).digest("base64")}`);
        }
      }
    }
  };
  visit(appDir);
  return [...hashes].sort();
}

/** Whether a URL path is a page (HTML or its RSC payload) rather than the API, ingest or a static file. */
function isPagePath(url) {
  return !/^\/(api|v1|_next)(\/|$|\?)/.test(url ?? "/");
}

const HSTS = "max-age=31536000";

/**
 * Puts the security headers on `res` for the request `req` (node:http). `isHttps`: the page was served over
 * https (SLUICE_PUBLIC_URL, or a trusted proxy's X-Forwarded-Proto) — HSTS only then, as browsers ignore it
 * over http and it must never pin a plain-http install.
 */
function applySecurityHeaders(req, res, { isHttps, scriptHashes }) {
  for (const [name, value] of Object.entries(STATIC_HEADERS)) res.setHeader(name, value);
  delete req.headers["content-security-policy-report-only"]; // Next would read a nonce from it too
  if (isHttps) res.setHeader("Strict-Transport-Security", HSTS);
  if (isPagePath(req.url)) {
    const policy = pagePolicy(crypto.randomBytes(16).toString("base64"), scriptHashes);
    req.headers["content-security-policy"] = policy; // replaces whatever a client sent: Next takes the nonce here
    res.setHeader("Content-Security-Policy", policy);
  } else {
    delete req.headers["content-security-policy"];
    res.setHeader("Content-Security-Policy", RESOURCE_CSP);
  }
}

module.exports = {
  STATIC_HEADERS,
  RESOURCE_CSP,
  HSTS,
  pagePolicy,
  prerenderedScriptHashes,
  isPagePath,
  applySecurityHeaders,
};
