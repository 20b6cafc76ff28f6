// The security headers every response carries (pages, the management API, ingest through either door).
// Plain CommonJS: server.js sets them before Next or the ingest fast path answers; next.config.js sends the
// static ones under plain `next start` too.
const crypto = require("node:crypto");

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
 *  Content-Security-Policy header), everything else comes from Sluice itself; the debugger's stream is
 *  same-origin (connect-src 'self'). Inline style attributes are allowed: React sets some. */
function pagePolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
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
function applySecurityHeaders(req, res, { isHttps }) {
  for (const [name, value] of Object.entries(STATIC_HEADERS)) res.setHeader(name, value);
  delete req.headers["content-security-policy-report-only"]; // Next would read a nonce from it too
  if (isHttps) res.setHeader("Strict-Transport-Security", HSTS);
  if (isPagePath(req.url)) {
    const policy = pagePolicy(crypto.randomBytes(16).toString("base64"));
    req.headers["content-security-policy"] = policy; // replaces whatever a client sent: Next takes the nonce here
    res.setHeader("Content-Security-Policy", policy);
  } else {
    delete req.headers["content-security-policy"];
    res.setHeader("Content-Security-Policy", RESOURCE_CSP);
  }
}

module.exports = { STATIC_HEADERS, RESOURCE_CSP, HSTS, pagePolicy, isPagePath, applySecurityHeaders };
