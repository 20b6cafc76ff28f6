// @ts-check
const { STATIC_HEADERS } = require("./lib/server/security-headers.cjs");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The event log, the database drivers and Segment's packages are Node-only; keep them out of the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  // The static security headers, so plain `next start` sends them too. server.js sets the same ones, the
  // per-response Content-Security-Policy (its nonce) and HSTS (lib/server/security-headers.cjs).
  async headers() {
    const headers = Object.entries(STATIC_HEADERS).map(([key, value]) => ({ key, value }));
    return [{ source: "/:path*", headers }];
  },
};

module.exports = nextConfig;
